-- CreateEnum
CREATE TYPE "BatchOperation" AS ENUM ('CANCEL', 'RETRY', 'MIGRATE');

-- CreateEnum
CREATE TYPE "BatchState" AS ENUM ('RUNNING', 'COMPLETED');

-- CreateEnum
CREATE TYPE "BatchItemState" AS ENUM ('PENDING', 'DONE', 'FAILED');

-- AlterTable
ALTER TABLE "ProcessInstance" ADD COLUMN "suspendedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Batch" (
    "id" UUID NOT NULL,
    "operation" "BatchOperation" NOT NULL,
    "createdById" UUID NOT NULL,
    "createdBy" TEXT NOT NULL,
    "reason" TEXT,
    "parameters" JSONB,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "state" "BatchState" NOT NULL DEFAULT 'RUNNING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "Batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BatchItem" (
    "batchId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "instanceId" TEXT NOT NULL,
    "state" "BatchItemState" NOT NULL DEFAULT 'PENDING',
    "error" TEXT,

    CONSTRAINT "BatchItem_pkey" PRIMARY KEY ("batchId","position")
);

-- CreateIndex
CREATE INDEX "ProcessInstance_suspendedAt_idx" ON "ProcessInstance"("suspendedAt");

-- CreateIndex
CREATE INDEX "Batch_createdById_createdAt_idx" ON "Batch"("createdById", "createdAt");

-- CreateIndex
CREATE INDEX "BatchItem_batchId_state_idx" ON "BatchItem"("batchId", "state");

-- AddForeignKey
ALTER TABLE "BatchItem" ADD CONSTRAINT "BatchItem_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
