-- The civil-petition process: who filed a petition from the web app, so that they see it (docs/civil-petition.md).

-- AlterTable
ALTER TABLE "Petition" ADD COLUMN "filedById" UUID;

-- CreateIndex
CREATE INDEX "Petition_filedById_idx" ON "Petition"("filedById");
