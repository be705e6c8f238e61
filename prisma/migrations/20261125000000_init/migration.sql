-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Concern" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "reporterKey" TEXT NOT NULL,
    "reporterName" TEXT NOT NULL,
    "reporterPlatform" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "room" TEXT NOT NULL,
    "patientReference" TEXT,
    "category" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "isGrievance" BOOLEAN NOT NULL,
    "departmentId" TEXT NOT NULL,
    "ownerKey" TEXT,
    "ownerName" TEXT,
    "ownerPlatform" TEXT,
    "status" TEXT NOT NULL,
    "policy" JSONB NOT NULL,
    "acknowledgeBy" TIMESTAMPTZ(3) NOT NULL,
    "resolveBy" TIMESTAMPTZ(3) NOT NULL,
    "grievanceNoticeBy" TIMESTAMPTZ(3),
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedBy" JSONB,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedBy" JSONB,
    "resolutionNote" TEXT,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "escalationStepsFired" INTEGER NOT NULL DEFAULT 0,
    "lastEscalatedAt" TIMESTAMPTZ(3),
    "grievanceRemindedAt" TIMESTAMPTZ(3),
    "grievanceEscalatedAt" TIMESTAMPTZ(3),
    "nextDueAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "Concern_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConcernCard" (
    "concernId" UUID NOT NULL,
    "platform" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConcernCard_pkey" PRIMARY KEY ("concernId","platform","departmentId")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "concernId" UUID,
    "type" TEXT NOT NULL,
    "actorKey" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "actorPlatform" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "detail" JSONB NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferenceSequence" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "ReferenceSequence_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "DirectoryVersion" (
    "hash" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "importedAt" TIMESTAMPTZ(3) NOT NULL,
    "content" JSONB NOT NULL,

    CONSTRAINT "DirectoryVersion_pkey" PRIMARY KEY ("hash")
);

-- CreateIndex
CREATE UNIQUE INDEX "Concern_reference_key" ON "Concern"("reference");

-- CreateIndex
CREATE INDEX "Concern_nextDueAt_idx" ON "Concern"("nextDueAt");

-- CreateIndex
CREATE INDEX "Concern_departmentId_status_createdAt_idx" ON "Concern"("departmentId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Concern_reporterKey_idx" ON "Concern"("reporterKey");

-- CreateIndex
CREATE INDEX "Concern_ownerKey_idx" ON "Concern"("ownerKey");

-- CreateIndex
CREATE INDEX "AuditEvent_concernId_id_idx" ON "AuditEvent"("concernId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- AddForeignKey
ALTER TABLE "ConcernCard" ADD CONSTRAINT "ConcernCard_concernId_fkey" FOREIGN KEY ("concernId") REFERENCES "Concern"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The audit trail is what a hospital shows a surveyor: it is appended to, never rewritten.
CREATE FUNCTION "audit_event_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent rows are append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_is_append_only"();
