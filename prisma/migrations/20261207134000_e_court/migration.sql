-- E-court cases as the e-court-filing process keeps them, their case-number counters and notices (docs/e-court.md).

-- CreateEnum
CREATE TYPE "CourtCaseState" AS ENUM ('FILED', 'DOCKETED', 'DEFECT_ORDERED', 'DISMISSED', 'SERVICE_NOTIFIED', 'SERVED', 'JUDGMENT_DATE_SET', 'ANSWERED', 'JUDGED_WITHOUT_HEARING');

-- CreateEnum
CREATE TYPE "CourtServiceMethod" AS ENUM ('OPENED', 'DEEMED');

-- CreateEnum
CREATE TYPE "CourtNoticeChannel" AS ENUM ('EMAIL', 'SMS');

-- CreateTable
CREATE TABLE "CourtCase" (
    "id" UUID NOT NULL,
    "processInstanceId" UUID NOT NULL,
    "courtUnitId" UUID NOT NULL,
    "plaintiffId" UUID NOT NULL,
    "defendantId" UUID NOT NULL,
    "track" TEXT NOT NULL,
    "claimAmount" BIGINT NOT NULL,
    "claimText" TEXT NOT NULL,
    "stampFee" INTEGER NOT NULL,
    "serviceFee" INTEGER NOT NULL,
    "feeExplanation" JSONB NOT NULL,
    "filedAt" TIMESTAMP(3) NOT NULL,
    "contentDigest" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "caseNumber" TEXT,
    "caseYear" INTEGER,
    "caseMark" TEXT,
    "caseSerial" INTEGER,
    "docketedAt" TIMESTAMP(3),
    "state" "CourtCaseState" NOT NULL DEFAULT 'FILED',
    "defects" TEXT,
    "defectDueAt" TIMESTAMP(3),
    "correction" TEXT,
    "correctedAt" TIMESTAMP(3),
    "dismissedAt" TIMESTAMP(3),
    "serviceNoticedAt" TIMESTAMP(3),
    "servedAt" TIMESTAMP(3),
    "serviceMethod" "CourtServiceMethod",
    "answerDueAt" TIMESTAMP(3),
    "answer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "judgmentAt" TIMESTAMP(3),
    "judgmentCancelledAt" TIMESTAMP(3),
    "judgedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CourtCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CourtCaseCounter" (
    "year" INTEGER NOT NULL,
    "mark" TEXT NOT NULL,
    "lastSerial" INTEGER NOT NULL,

    CONSTRAINT "CourtCaseCounter_pkey" PRIMARY KEY ("year","mark")
);

-- CreateTable
CREATE TABLE "CourtNotice" (
    "id" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "caseId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" "CourtNoticeChannel" NOT NULL,
    "recipient" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CourtNotice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CourtCase_processInstanceId_key" ON "CourtCase"("processInstanceId");

-- CreateIndex
CREATE UNIQUE INDEX "CourtCase_caseNumber_key" ON "CourtCase"("caseNumber");

-- CreateIndex
CREATE INDEX "CourtCase_courtUnitId_state_idx" ON "CourtCase"("courtUnitId", "state");

-- CreateIndex
CREATE INDEX "CourtCase_plaintiffId_idx" ON "CourtCase"("plaintiffId");

-- CreateIndex
CREATE INDEX "CourtCase_defendantId_idx" ON "CourtCase"("defendantId");

-- CreateIndex
CREATE UNIQUE INDEX "CourtNotice_idempotencyKey_key" ON "CourtNotice"("idempotencyKey");

-- CreateIndex
CREATE INDEX "CourtNotice_caseId_idx" ON "CourtNotice"("caseId");

-- AddForeignKey
ALTER TABLE "CourtNotice" ADD CONSTRAINT "CourtNotice_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "CourtCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;
