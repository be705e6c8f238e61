-- CreateTable
CREATE TABLE "TeamsConversation" (
    "conversationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "tenantId" TEXT,
    "teamId" TEXT,
    "aadObjectId" TEXT,
    "serviceUrl" TEXT NOT NULL,
    "reference" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TeamsConversation_pkey" PRIMARY KEY ("conversationId")
);

-- CreateIndex
CREATE INDEX "TeamsConversation_aadObjectId_idx" ON "TeamsConversation"("aadObjectId");

-- CreateIndex
CREATE INDEX "TeamsConversation_tenantId_updatedAt_idx" ON "TeamsConversation"("tenantId", "updatedAt");

