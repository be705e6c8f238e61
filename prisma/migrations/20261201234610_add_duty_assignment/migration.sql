-- CreateTable
CREATE TABLE "DutyAssignment" (
    "dutyId" TEXT NOT NULL,
    "placeId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "personName" TEXT NOT NULL,
    "takenByKey" TEXT NOT NULL,
    "takenByName" TEXT NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DutyAssignment_pkey" PRIMARY KEY ("dutyId","placeId")
);

-- CreateIndex
CREATE INDEX "DutyAssignment_endsAt_idx" ON "DutyAssignment"("endsAt");

