-- CreateEnum
CREATE TYPE "ApprovalDocumentState" AS ENUM ('IN_PROGRESS', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ApprovalStepKind" AS ENUM ('REVIEW', 'COOPERATE', 'APPROVE', 'POST_REVIEW');

-- CreateEnum
CREATE TYPE "ApprovalMark" AS ENUM ('NONE', 'DELEGATED', 'PROXY', 'POST_REVIEW');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('APPROVE', 'REJECT', 'DISSENT');

-- CreateTable
CREATE TABLE "DelegationRule" (
    "id" UUID NOT NULL,
    "documentType" TEXT NOT NULL,
    "minAmount" BIGINT NOT NULL DEFAULT 0,
    "maxAmount" BIGINT,
    "positionCode" TEXT NOT NULL,

    CONSTRAINT "DelegationRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Absence" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "proxyId" UUID NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Absence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalDocument" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "documentType" TEXT NOT NULL,
    "amount" BIGINT,
    "important" BOOLEAN NOT NULL DEFAULT false,
    "drafterId" UUID NOT NULL,
    "requestedLine" JSONB NOT NULL,
    "cooperation" TEXT NOT NULL,
    "state" "ApprovalDocumentState" NOT NULL DEFAULT 'IN_PROGRESS',
    "round" INTEGER NOT NULL DEFAULT 1,
    "processInstanceId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "ApprovalDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalStep" (
    "id" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "order" INTEGER NOT NULL,
    "stage" INTEGER NOT NULL,
    "kind" "ApprovalStepKind" NOT NULL,
    "parallel" BOOLEAN NOT NULL DEFAULT false,
    "assigneeId" UUID NOT NULL,
    "actorId" UUID NOT NULL,
    "mark" "ApprovalMark" NOT NULL DEFAULT 'NONE',
    "decision" "ApprovalDecision",
    "opinion" TEXT,
    "revisedBody" TEXT,
    "actedAt" TIMESTAMP(3),
    "taskId" UUID,
    "followUpAt" TIMESTAMP(3),

    CONSTRAINT "ApprovalStep_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DelegationRule_documentType_idx" ON "DelegationRule"("documentType");

-- CreateIndex
CREATE INDEX "Absence_userId_startsAt_idx" ON "Absence"("userId", "startsAt");

-- CreateIndex
CREATE INDEX "Absence_proxyId_startsAt_idx" ON "Absence"("proxyId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalDocument_processInstanceId_key" ON "ApprovalDocument"("processInstanceId");

-- CreateIndex
CREATE INDEX "ApprovalDocument_drafterId_createdAt_idx" ON "ApprovalDocument"("drafterId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalStep_taskId_key" ON "ApprovalStep"("taskId");

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalStep_documentId_round_order_key" ON "ApprovalStep"("documentId", "round", "order");

-- AddForeignKey
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Absence" ADD CONSTRAINT "Absence_proxyId_fkey" FOREIGN KEY ("proxyId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalDocument" ADD CONSTRAINT "ApprovalDocument_drafterId_fkey" FOREIGN KEY ("drafterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalStep" ADD CONSTRAINT "ApprovalStep_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "ApprovalDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalStep" ADD CONSTRAINT "ApprovalStep_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApprovalStep" ADD CONSTRAINT "ApprovalStep_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
