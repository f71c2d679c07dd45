-- Objections (이의신청) against petition decisions, as the petition-objection process keeps them.

-- CreateEnum
CREATE TYPE "PetitionObjectionOutcome" AS ENUM ('UPHELD', 'DISMISSED', 'OUT_OF_TIME');

-- CreateTable
CREATE TABLE "PetitionObjection" (
    "id" UUID NOT NULL,
    "processInstanceId" UUID NOT NULL,
    "petitionId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "lastDayToObject" DATE NOT NULL,
    "dueAt" TIMESTAMP(3),
    "extensions" INTEGER NOT NULL DEFAULT 0,
    "extensionReason" TEXT,
    "extensionKey" TEXT,
    "outcome" "PetitionObjectionOutcome",
    "decisionReason" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PetitionObjection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PetitionObjection_processInstanceId_key" ON "PetitionObjection"("processInstanceId");

-- CreateIndex
CREATE INDEX "PetitionObjection_petitionId_idx" ON "PetitionObjection"("petitionId");
