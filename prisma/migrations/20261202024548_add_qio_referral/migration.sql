-- AlterTable
ALTER TABLE "Concern" ADD COLUMN     "qioReferral" JSONB;

