-- A start not yet confirmed by Temporal (the reconciler finishes it).
ALTER TABLE "ProcessInstance" ADD COLUMN "pendingStart" JSONB;

-- Idempotency keys of start requests, per caller.
CREATE TABLE "StartRequestKey" (
    "callerId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "instanceId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StartRequestKey_pkey" PRIMARY KEY ("callerId", "key")
);
