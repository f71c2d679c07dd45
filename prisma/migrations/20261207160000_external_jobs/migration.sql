-- CreateEnum
CREATE TYPE "ExternalJobState" AS ENUM ('ACTIVATABLE', 'ACTIVATED', 'COMPLETED', 'ERROR_THROWN', 'FAILED', 'CANCELED');

-- CreateEnum
CREATE TYPE "JobKind" AS ENUM ('BPMN_ELEMENT', 'EXECUTION_LISTENER', 'TASK_LISTENER');

-- CreateTable
CREATE TABLE "ExternalJob" (
    "key" BIGSERIAL NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "processInstanceId" UUID NOT NULL,
    "elementId" TEXT NOT NULL,
    "elementInstanceId" TEXT NOT NULL,
    "kind" "JobKind" NOT NULL DEFAULT 'BPMN_ELEMENT',
    "listenerEventType" TEXT,
    "customHeaders" JSONB NOT NULL DEFAULT '{}',
    "variables" JSONB NOT NULL DEFAULT '{}',
    "retries" INTEGER NOT NULL,
    "state" "ExternalJobState" NOT NULL DEFAULT 'ACTIVATABLE',
    "worker" TEXT,
    "deadline" TIMESTAMP(3),
    "retryAt" TIMESTAMP(3),
    "errorMessage" TEXT,
    "errorCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "ExternalJob_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "ExternalJob_idempotencyKey_key" ON "ExternalJob"("idempotencyKey");

-- CreateIndex
CREATE INDEX "ExternalJob_processInstanceId_idx" ON "ExternalJob"("processInstanceId");

-- Activation looks for open jobs of one type, oldest first: only ACTIVATABLE and ACTIVATED (timed out) rows matter.
CREATE INDEX "ExternalJob_open_by_type_idx" ON "ExternalJob"("type", "key") WHERE "state" IN ('ACTIVATABLE', 'ACTIVATED');

-- AddForeignKey
ALTER TABLE "ExternalJob" ADD CONSTRAINT "ExternalJob_processInstanceId_fkey" FOREIGN KEY ("processInstanceId") REFERENCES "ProcessInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
