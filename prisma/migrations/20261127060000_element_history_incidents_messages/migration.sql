-- CreateEnum
CREATE TYPE "ElementInstanceState" AS ENUM ('ACTIVE', 'COMPLETED', 'TERMINATED', 'INCIDENT');

-- CreateEnum
CREATE TYPE "IncidentState" AS ENUM ('OPEN', 'RESOLVED', 'CANCELED');

-- CreateEnum
CREATE TYPE "SubscriptionKind" AS ENUM ('MESSAGE', 'SIGNAL');

-- AlterTable
ALTER TABLE "ProcessDefinition" ADD COLUMN     "versionTag" TEXT;

-- AlterTable
ALTER TABLE "ProcessInstance" ADD COLUMN     "parentElementInstanceId" TEXT,
ADD COLUMN     "parentInstanceId" UUID;

-- CreateTable
CREATE TABLE "ElementInstance" (
    "processInstanceId" UUID NOT NULL,
    "elementInstanceId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "elementType" TEXT NOT NULL,
    "scopeInstanceId" TEXT,
    "state" "ElementInstanceState" NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "ElementInstance_pkey" PRIMARY KEY ("processInstanceId","elementInstanceId")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL,
    "processInstanceId" UUID NOT NULL,
    "elementId" TEXT NOT NULL,
    "elementInstanceId" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "state" "IncidentState" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventSubscription" (
    "processInstanceId" UUID NOT NULL,
    "elementInstanceId" TEXT NOT NULL,
    "elementId" TEXT NOT NULL,
    "kind" "SubscriptionKind" NOT NULL,
    "name" TEXT NOT NULL,
    "correlationKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventSubscription_pkey" PRIMARY KEY ("processInstanceId","elementInstanceId")
);

-- CreateTable
CREATE TABLE "BufferedMessage" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "correlationKey" TEXT NOT NULL,
    "variables" JSONB NOT NULL DEFAULT '{}',
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BufferedMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageCorrelation" (
    "messageId" UUID NOT NULL,
    "processInstanceId" UUID NOT NULL,
    "correlatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageCorrelation_pkey" PRIMARY KEY ("messageId","processInstanceId")
);

-- CreateTable
CREATE TABLE "EventStartSubscription" (
    "definitionId" UUID NOT NULL,
    "elementId" TEXT NOT NULL,
    "bpmnProcessId" TEXT NOT NULL,
    "kind" "SubscriptionKind" NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "EventStartSubscription_pkey" PRIMARY KEY ("definitionId","elementId")
);

-- CreateIndex
CREATE INDEX "ElementInstance_elementId_state_idx" ON "ElementInstance"("elementId", "state");

-- CreateIndex
CREATE INDEX "Incident_state_createdAt_idx" ON "Incident"("state", "createdAt");

-- CreateIndex
CREATE INDEX "Incident_processInstanceId_idx" ON "Incident"("processInstanceId");

-- CreateIndex
CREATE INDEX "EventSubscription_kind_name_correlationKey_idx" ON "EventSubscription"("kind", "name", "correlationKey");

-- CreateIndex
CREATE INDEX "BufferedMessage_name_correlationKey_expiresAt_idx" ON "BufferedMessage"("name", "correlationKey", "expiresAt");

-- CreateIndex
CREATE INDEX "EventStartSubscription_kind_name_idx" ON "EventStartSubscription"("kind", "name");

-- CreateIndex
CREATE INDEX "EventStartSubscription_bpmnProcessId_idx" ON "EventStartSubscription"("bpmnProcessId");

-- CreateIndex
CREATE INDEX "ProcessDefinition_bpmnProcessId_versionTag_idx" ON "ProcessDefinition"("bpmnProcessId", "versionTag");

-- CreateIndex
CREATE INDEX "ProcessInstance_parentInstanceId_idx" ON "ProcessInstance"("parentInstanceId");

-- AddForeignKey
ALTER TABLE "MessageCorrelation" ADD CONSTRAINT "MessageCorrelation_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "BufferedMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
