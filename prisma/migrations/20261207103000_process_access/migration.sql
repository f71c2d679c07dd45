-- Process access: who owns a process (its analysts), which units may start it, and incidents tied to their
-- instance so that an incident is visible exactly when its instance is (docs/access.md).
CREATE TABLE "ProcessOwner" (
    "bpmnProcessId" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessOwner_pkey" PRIMARY KEY ("bpmnProcessId","userId")
);
CREATE INDEX "ProcessOwner_userId_idx" ON "ProcessOwner"("userId");
ALTER TABLE "ProcessOwner" ADD CONSTRAINT "ProcessOwner_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "ProcessStartPermission" (
    "bpmnProcessId" TEXT NOT NULL,
    "orgUnitId" UUID NOT NULL,

    CONSTRAINT "ProcessStartPermission_pkey" PRIMARY KEY ("bpmnProcessId","orgUnitId")
);
ALTER TABLE "ProcessStartPermission" ADD CONSTRAINT "ProcessStartPermission_orgUnitId_fkey" FOREIGN KEY ("orgUnitId") REFERENCES "OrgUnit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Existing processes: everyone who deployed a version owns the process.
INSERT INTO "ProcessOwner" ("bpmnProcessId", "userId", "grantedAt")
SELECT "bpmnProcessId", "deployedById", MIN("deployedAt") FROM "ProcessDefinition"
WHERE "deployedById" IS NOT NULL
GROUP BY "bpmnProcessId", "deployedById";

-- The variables a process marks sensitive (gov:sensitive), copied from its graph for queries.
ALTER TABLE "ProcessDefinition" ADD COLUMN "sensitiveVariables" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- NOT VALID: incidents written before the relation existed are kept as they are; new ones must name an instance.
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_processInstanceId_fkey" FOREIGN KEY ("processInstanceId") REFERENCES "ProcessInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;
