-- AlterTable
ALTER TABLE "Concern" ADD COLUMN     "familyContact" TEXT,
ADD COLUMN     "grievanceCandidate" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "FamilyPageCount" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "FamilyPageCount_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateIndex
CREATE INDEX "FamilyPageCount_windowStart_idx" ON "FamilyPageCount"("windowStart");

