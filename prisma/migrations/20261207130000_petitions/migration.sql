-- Civil petitions as their process keeps them (docs/civil-petition.md).

-- CreateEnum
CREATE TYPE "PetitionState" AS ENUM ('RECEIVED', 'SUPPLEMENTING', 'TRANSFERRED', 'DECIDED', 'CLOSED');

-- CreateEnum
CREATE TYPE "PetitionOutcome" AS ENUM ('ACCEPTED', 'PARTIALLY_ACCEPTED', 'REFUSED');

-- CreateTable
CREATE TABLE "Petition" (
    "id" UUID NOT NULL,
    "processInstanceId" UUID NOT NULL,
    "receiptNumber" TEXT,
    "typeCode" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "petitionerName" TEXT NOT NULL,
    "petitionerEmail" TEXT NOT NULL,
    "orgUnitId" UUID,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3),
    "state" "PetitionState" NOT NULL DEFAULT 'RECEIVED',
    "supplementRequests" INTEGER NOT NULL DEFAULT 0,
    "extensions" INTEGER NOT NULL DEFAULT 0,
    "transferredTo" TEXT,
    "transferredAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "outcome" "PetitionOutcome",
    "workingMinutesTaken" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Petition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Petition_processInstanceId_key" ON "Petition"("processInstanceId");

-- CreateIndex
CREATE INDEX "Petition_orgUnitId_state_idx" ON "Petition"("orgUnitId", "state");

-- CreateIndex
CREATE INDEX "Petition_state_dueAt_idx" ON "Petition"("state", "dueAt");
