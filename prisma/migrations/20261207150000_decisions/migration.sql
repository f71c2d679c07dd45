-- CreateTable
CREATE TABLE "DecisionDefinition" (
    "id" UUID NOT NULL,
    "decisionId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT,
    "graph" JSONB NOT NULL,
    "xml" TEXT NOT NULL,
    "resourceName" TEXT,
    "contentHash" TEXT NOT NULL,
    "deployedById" UUID,
    "deployedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DecisionDefinition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DecisionDefinition_decisionId_version_key" ON "DecisionDefinition"("decisionId", "version");

-- AddForeignKey
ALTER TABLE "DecisionDefinition" ADD CONSTRAINT "DecisionDefinition_deployedById_fkey" FOREIGN KEY ("deployedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
