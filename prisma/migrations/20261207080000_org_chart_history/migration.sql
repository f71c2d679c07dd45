-- CreateTable
CREATE TABLE "UnitMembership" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "positionCode" TEXT,
    "since" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "until" TIMESTAMP(3),
    "placedBy" TEXT,

    CONSTRAINT "UnitMembership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Handover" (
    "id" UUID NOT NULL,
    "fromUserId" UUID NOT NULL,
    "toUserId" UUID NOT NULL,
    "handedOverBy" TEXT NOT NULL,
    "taskIds" UUID[],
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Handover_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnitMembership_userId_since_idx" ON "UnitMembership"("userId", "since");

-- CreateIndex
CREATE INDEX "UnitMembership_orgUnitId_idx" ON "UnitMembership"("orgUnitId");

-- CreateIndex
CREATE INDEX "Handover_fromUserId_createdAt_idx" ON "Handover"("fromUserId", "createdAt");

-- CreateIndex
CREATE INDEX "Handover_toUserId_createdAt_idx" ON "Handover"("toUserId", "createdAt");

-- AddForeignKey
ALTER TABLE "UnitMembership" ADD CONSTRAINT "UnitMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitMembership" ADD CONSTRAINT "UnitMembership_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitMembership" ADD CONSTRAINT "UnitMembership_positionCode_fkey" FOREIGN KEY ("positionCode") REFERENCES "Position"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_fromUserId_fkey" FOREIGN KEY ("fromUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_toUserId_fkey" FOREIGN KEY ("toUserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every person already placed in a unit starts their history with their current unit and position.
INSERT INTO "UnitMembership" ("id", "userId", "orgUnitId", "positionCode", "since")
SELECT gen_random_uuid(), "id", "orgUnitId", "positionCode", "createdAt" FROM "User" WHERE "orgUnitId" IS NOT NULL;
