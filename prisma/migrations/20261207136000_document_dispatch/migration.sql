-- Document approval end to end: task classification, attachments, recipients and their dispatch (시행), receipt
-- and distribution (접수, 배부) with 공람 reads (processes/document-approval/README.md).

-- AlterTable
ALTER TABLE "ApprovalDocument" ADD COLUMN "taskClassification" TEXT;

-- A document is produced once but received once per unit it was sent to.
DROP INDEX "Registration_documentId_kind_key";
CREATE UNIQUE INDEX "Registration_documentId_kind_unitId_key" ON "Registration"("documentId", "kind", "unitId");

-- CreateEnum
CREATE TYPE "DocumentDispatchState" AS ENUM ('PLANNED', 'AWAITING_APPROVAL', 'SENT', 'REFUSED');

-- CreateTable
CREATE TABLE "DocumentDispatch" (
    "id" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "unitId" UUID,
    "agencyName" TEXT,
    "email" TEXT,
    "state" "DocumentDispatchState" NOT NULL DEFAULT 'PLANNED',
    "resend" BOOLEAN NOT NULL DEFAULT false,
    "requestedBy" TEXT,
    "reason" TEXT,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionOpinion" TEXT,
    "decisionInstanceId" UUID,
    "sentAt" TIMESTAMP(3),
    "receiptInstanceId" UUID,
    "messageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentDispatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentReceipt" (
    "id" UUID NOT NULL,
    "dispatchId" UUID NOT NULL,
    "registrationId" UUID NOT NULL,
    "receivedBy" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "distributedBy" TEXT,
    "distributedAt" TIMESTAMP(3),
    "distributedTo" TEXT,
    "handler" TEXT,
    "readingDueAt" TIMESTAMP(3),

    CONSTRAINT "DocumentReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentReading" (
    "id" UUID NOT NULL,
    "receiptId" UUID NOT NULL,
    "reader" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "readAt" TIMESTAMP(3),
    "opinion" TEXT,
    "taskId" UUID,

    CONSTRAINT "DocumentReading_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DocumentAttachment" (
    "id" UUID NOT NULL,
    "documentId" UUID NOT NULL,
    "uploader" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DocumentDispatch_receiptInstanceId_key" ON "DocumentDispatch"("receiptInstanceId");
CREATE UNIQUE INDEX "DocumentDispatch_decisionInstanceId_key" ON "DocumentDispatch"("decisionInstanceId");
CREATE INDEX "DocumentDispatch_documentId_createdAt_idx" ON "DocumentDispatch"("documentId", "createdAt");
CREATE INDEX "DocumentDispatch_unitId_idx" ON "DocumentDispatch"("unitId");
CREATE UNIQUE INDEX "DocumentReceipt_dispatchId_key" ON "DocumentReceipt"("dispatchId");
CREATE UNIQUE INDEX "DocumentReceipt_registrationId_key" ON "DocumentReceipt"("registrationId");
CREATE UNIQUE INDEX "DocumentReading_taskId_key" ON "DocumentReading"("taskId");
CREATE UNIQUE INDEX "DocumentReading_receiptId_reader_key" ON "DocumentReading"("receiptId", "reader");
CREATE INDEX "DocumentAttachment_documentId_at_idx" ON "DocumentAttachment"("documentId", "at");

-- AddForeignKey
ALTER TABLE "DocumentDispatch" ADD CONSTRAINT "DocumentDispatch_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "ApprovalDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DocumentDispatch" ADD CONSTRAINT "DocumentDispatch_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "DocumentReceipt" ADD CONSTRAINT "DocumentReceipt_dispatchId_fkey" FOREIGN KEY ("dispatchId") REFERENCES "DocumentDispatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DocumentReceipt" ADD CONSTRAINT "DocumentReceipt_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "Registration"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "DocumentReading" ADD CONSTRAINT "DocumentReading_receiptId_fkey" FOREIGN KEY ("receiptId") REFERENCES "DocumentReceipt"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DocumentAttachment" ADD CONSTRAINT "DocumentAttachment_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "ApprovalDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;
