-- AlterTable
ALTER TABLE "Concern" ADD COLUMN     "grievanceLetter" JSONB,
ADD COLUMN     "grievanceResolution" JSONB;

-- CreateTable
CREATE TABLE "GrievanceLetter" (
    "id" UUID NOT NULL,
    "concernId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "pdf" BYTEA NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GrievanceLetter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GrievanceLetter_token_key" ON "GrievanceLetter"("token");

-- CreateIndex
CREATE INDEX "GrievanceLetter_concernId_idx" ON "GrievanceLetter"("concernId");

