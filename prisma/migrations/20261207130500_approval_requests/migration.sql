-- Documents other processes ask for (job type approval.submit), and where their decision is sent.

-- AlterTable
ALTER TABLE "ApprovalDocument" ADD COLUMN "replyKey" TEXT,
ADD COLUMN "requestKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ApprovalDocument_requestKey_key" ON "ApprovalDocument"("requestKey");
