-- AlterTable
ALTER TABLE "Concern" ADD COLUMN     "patientInitials" TEXT;

