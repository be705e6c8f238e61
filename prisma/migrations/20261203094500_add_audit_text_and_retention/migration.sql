-- AlterTable
ALTER TABLE "Concern" ADD COLUMN     "detailsPurgedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "AuditEventText" (
    "eventId" BIGINT NOT NULL,
    "concernId" UUID,
    "text" TEXT NOT NULL,

    CONSTRAINT "AuditEventText_pkey" PRIMARY KEY ("eventId")
);

-- CreateIndex
CREATE INDEX "AuditEventText_concernId_idx" ON "AuditEventText"("concernId");

-- CreateIndex
CREATE INDEX "Concern_status_resolvedAt_idx" ON "Concern"("status", "resolvedAt");

-- AddForeignKey
ALTER TABLE "AuditEventText" ADD CONSTRAINT "AuditEventText_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "AuditEvent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

