-- CreateIndex
CREATE INDEX "InboundEventReceipt_receivedAt_idx" ON "InboundEventReceipt"("receivedAt");

