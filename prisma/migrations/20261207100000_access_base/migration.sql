-- Access and records, the shared base: security grades, clearances, need-to-know lists, and the org unit an
-- instance belongs to (its starter's, for a manager's subtree).
CREATE TYPE "SecurityGrade" AS ENUM ('GRADE_I', 'GRADE_II', 'GRADE_III', 'RESTRICTED');

ALTER TABLE "ProcessInstance" ADD COLUMN "orgUnitId" UUID, ADD COLUMN "classification" "SecurityGrade";
ALTER TABLE "ProcessInstance" ADD CONSTRAINT "ProcessInstance_orgUnitId_fkey"
  FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE INDEX "ProcessInstance_orgUnitId_state_idx" ON "ProcessInstance"("orgUnitId", "state");
UPDATE "ProcessInstance" instance SET "orgUnitId" = starter."orgUnitId"
  FROM "User" starter WHERE starter."id" = instance."startedById";

ALTER TABLE "ApprovalDocument" ADD COLUMN "classification" "SecurityGrade";

CREATE TABLE "Clearance" (
  "userId" UUID NOT NULL,
  "grade" "SecurityGrade" NOT NULL,
  "grantedById" UUID,
  "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "expiresAt" TIMESTAMP(3) NOT NULL,
  CONSTRAINT "Clearance_pkey" PRIMARY KEY ("userId"),
  CONSTRAINT "Clearance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "NeedToKnow" (
  "instanceId" UUID NOT NULL,
  "userId" UUID NOT NULL,
  "grantedById" UUID,
  "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "NeedToKnow_pkey" PRIMARY KEY ("instanceId", "userId"),
  CONSTRAINT "NeedToKnow_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "ProcessInstance"("id")
    ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "NeedToKnow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "NeedToKnow_userId_idx" ON "NeedToKnow"("userId");
