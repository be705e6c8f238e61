-- CreateTable
CREATE TABLE "InboundEventReceipt" (
    "key" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "InboundEventReceipt_pkey" PRIMARY KEY ("key")
);

