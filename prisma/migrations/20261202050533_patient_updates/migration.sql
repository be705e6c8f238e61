-- AlterTable
ALTER TABLE "Concern" ADD COLUMN     "lastPatientUpdate" JSONB,
ADD COLUMN     "patientUpdateBy" TIMESTAMPTZ(3),
ADD COLUMN     "patientUpdateEscalatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "patientUpdateRemindedAt" TIMESTAMPTZ(3);

