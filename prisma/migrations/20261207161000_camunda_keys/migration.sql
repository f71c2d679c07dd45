-- CreateEnum
CREATE TYPE "CamundaKeyKind" AS ENUM ('DEPLOYMENT', 'PROCESS_DEFINITION', 'DECISION_DEFINITION', 'DECISION_REQUIREMENTS', 'FORM', 'PROCESS_INSTANCE', 'ELEMENT_INSTANCE', 'USER_TASK', 'INCIDENT', 'MESSAGE', 'SIGNAL');

-- CreateTable
CREATE TABLE "CamundaKey" (
    "key" BIGSERIAL NOT NULL,
    "kind" "CamundaKeyKind" NOT NULL,
    "entityId" TEXT NOT NULL,

    CONSTRAINT "CamundaKey_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "CamundaKey_kind_entityId_key" ON "CamundaKey"("kind", "entityId");
