-- CreateTable
CREATE TABLE "VariableChange" (
    "id" BIGSERIAL NOT NULL,
    "processInstanceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "value" JSONB,
    "previous" JSONB,
    "changedBy" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "sourceId" TEXT,

    CONSTRAINT "VariableChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VariableChange_processInstanceId_at_idx" ON "VariableChange"("processInstanceId", "at");
