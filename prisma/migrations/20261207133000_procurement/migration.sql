-- Procurement e-bidding: bidding rounds, sealed bids and objections (processes/procurement-bidding/README.md).

-- CreateEnum
CREATE TYPE "BiddingState" AS ENUM ('OPEN', 'CLOSED', 'OPENED', 'AWARDED', 'CONTRACTED', 'FAILED');

-- CreateEnum
CREATE TYPE "BidState" AS ENUM ('SUBMITTED', 'INELIGIBLE', 'ELIGIBLE', 'PASSED', 'FAILED_REVIEW', 'AWARDED', 'CONTRACTED', 'FORFEITED');

-- CreateTable
CREATE TABLE "Bidding" (
    "id" UUID NOT NULL,
    "processInstanceId" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "noticeNumber" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "estimatedPrice" BIGINT NOT NULL,
    "basePrice" BIGINT NOT NULL,
    "siteBriefing" BOOLEAN NOT NULL,
    "urgent" BOOLEAN NOT NULL,
    "orgUnitId" UUID,
    "announcedBy" TEXT NOT NULL,
    "announcedAt" TIMESTAMP(3) NOT NULL,
    "bidDeadline" TIMESTAMP(3) NOT NULL,
    "openingAt" TIMESTAMP(3) NOT NULL,
    "period" JSONB NOT NULL,
    "sealedPrices" TEXT NOT NULL,
    "pricesCommitment" TEXT NOT NULL,
    "state" "BiddingState" NOT NULL DEFAULT 'OPEN',
    "closedAt" TIMESTAMP(3),
    "openedAt" TIMESTAMP(3),
    "opening" JSONB,
    "awardedAt" TIMESTAMP(3),
    "objectionsCloseAt" TIMESTAMP(3),
    "objectionsClosedAt" TIMESTAMP(3),
    "contractedAt" TIMESTAMP(3),
    "singleSource" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Bidding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Bid" (
    "id" UUID NOT NULL,
    "biddingId" UUID NOT NULL,
    "bidderId" UUID NOT NULL,
    "bidderName" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sealed" TEXT NOT NULL,
    "commitment" TEXT NOT NULL,
    "state" "BidState" NOT NULL DEFAULT 'SUBMITTED',
    "price" BIGINT,
    "bond" BIGINT,
    "picks" INTEGER[],
    "nonce" TEXT,
    "rank" INTEGER,
    "reviewScore" INTEGER,
    "reviewedBy" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "performanceBond" BIGINT,

    CONSTRAINT "Bid_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BidObjection" (
    "id" UUID NOT NULL,
    "biddingId" UUID NOT NULL,
    "bidderId" UUID NOT NULL,
    "bidderName" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" TEXT,
    "answeredBy" TEXT,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "BidObjection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Bidding_noticeNumber_key" ON "Bidding"("noticeNumber");

-- CreateIndex
CREATE INDEX "Bidding_state_idx" ON "Bidding"("state");

-- CreateIndex
CREATE UNIQUE INDEX "Bidding_processInstanceId_round_key" ON "Bidding"("processInstanceId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "Bid_biddingId_bidderId_key" ON "Bid"("biddingId", "bidderId");

-- CreateIndex
CREATE INDEX "BidObjection_biddingId_idx" ON "BidObjection"("biddingId");

-- AddForeignKey
ALTER TABLE "Bid" ADD CONSTRAINT "Bid_biddingId_fkey" FOREIGN KEY ("biddingId") REFERENCES "Bidding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BidObjection" ADD CONSTRAINT "BidObjection_biddingId_fkey" FOREIGN KEY ("biddingId") REFERENCES "Bidding"("id") ON DELETE CASCADE ON UPDATE CASCADE;
