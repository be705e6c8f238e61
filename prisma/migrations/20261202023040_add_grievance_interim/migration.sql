-- AlterTable
ALTER TABLE "Concern" ADD COLUMN     "grievanceInterim" JSONB;

