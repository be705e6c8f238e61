-- AlterTable
ALTER TABLE "Concern" ADD COLUMN     "mergedFrom" JSONB,
ADD COLUMN     "mergedInto" JSONB,
ADD COLUMN     "repeatKey" TEXT,
ADD COLUMN     "repeatOf" JSONB,
ADD COLUMN     "repeatedBy" JSONB;

-- CreateIndex
CREATE INDEX "Concern_repeatKey_createdAt_idx" ON "Concern"("repeatKey", "createdAt");

