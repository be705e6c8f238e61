-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "actorAuthorizedBy" TEXT;

-- CreateTable
CREATE TABLE "ResponderGroupSnapshot" (
    "platform" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "members" JSONB NOT NULL,
    "fetchedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ResponderGroupSnapshot_pkey" PRIMARY KEY ("platform","groupId")
);
