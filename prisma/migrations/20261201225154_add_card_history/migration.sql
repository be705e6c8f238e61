-- AlterTable
ALTER TABLE "Concern" ADD COLUMN     "lastEscalatedBy" JSONB,
ADD COLUMN     "reassignedFrom" JSONB;

