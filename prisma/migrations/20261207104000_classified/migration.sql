-- Classified registers (docs/classified.md): the 비밀관리기록부 with its 예고문 and numbered copies, dispatches, the
-- signed reading records (비밀열람기록전) and destruction records. Reading and destruction records carry no foreign
-- keys: they outlive what they describe.
CREATE TYPE "ReviewAction" AS ENUM ('REGRADE', 'DECLASSIFY', 'DESTROY');
CREATE TYPE "CopyState" AS ENUM ('HELD', 'DISPATCHED', 'DESTROYED');
CREATE TYPE "DispatchChannel" AS ENUM ('ENCRYPTED_NETWORK', 'HAND_DELIVERY', 'SECRET_MAIL', 'REGISTERED_MAIL');

CREATE TABLE "ClassifiedItem" (
  "instanceId" UUID NOT NULL,
  "documentId" UUID,
  "grade" "SecurityGrade" NOT NULL,
  "originatorId" UUID NOT NULL,
  "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "reviewOn" DATE NOT NULL,
  "reviewAction" "ReviewAction" NOT NULL,
  "reviewGrade" "SecurityGrade",
  "reviewedAt" TIMESTAMP(3),
  "copyPermitted" BOOLEAN NOT NULL DEFAULT false,
  CONSTRAINT "ClassifiedItem_pkey" PRIMARY KEY ("instanceId"),
  CONSTRAINT "ClassifiedItem_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "ProcessInstance"("id")
    ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "ClassifiedItem_documentId_key" ON "ClassifiedItem"("documentId");
CREATE INDEX "ClassifiedItem_reviewedAt_reviewOn_idx" ON "ClassifiedItem"("reviewedAt", "reviewOn");

CREATE TABLE "ClassifiedCopy" (
  "instanceId" UUID NOT NULL,
  "number" INTEGER NOT NULL,
  "holderId" UUID NOT NULL,
  "state" "CopyState" NOT NULL DEFAULT 'HELD',
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ClassifiedCopy_pkey" PRIMARY KEY ("instanceId", "number"),
  CONSTRAINT "ClassifiedCopy_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "ClassifiedItem"("instanceId")
    ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "ClassifiedDispatch" (
  "id" UUID NOT NULL,
  "instanceId" UUID NOT NULL,
  "copyNumber" INTEGER NOT NULL,
  "channel" "DispatchChannel" NOT NULL,
  "carrierId" UUID,
  "recipient" TEXT NOT NULL,
  "dispatchedBy" TEXT NOT NULL,
  "dispatchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ClassifiedDispatch_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "ClassifiedDispatch_instanceId_copyNumber_fkey" FOREIGN KEY ("instanceId", "copyNumber")
    REFERENCES "ClassifiedCopy"("instanceId", "number") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "ClassifiedDispatch_instanceId_idx" ON "ClassifiedDispatch"("instanceId");

CREATE TABLE "ReadingRecord" (
  "id" BIGSERIAL NOT NULL,
  "instanceId" UUID NOT NULL,
  "itemType" TEXT NOT NULL,
  "itemId" TEXT NOT NULL,
  "grade" "SecurityGrade" NOT NULL,
  "readerId" UUID NOT NULL,
  "reader" TEXT NOT NULL,
  "sourceAddress" TEXT,
  "readAt" TIMESTAMP(3) NOT NULL,
  "signature" TEXT NOT NULL,
  CONSTRAINT "ReadingRecord_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ReadingRecord_instanceId_readAt_idx" ON "ReadingRecord"("instanceId", "readAt");

CREATE TABLE "DestructionRecord" (
  "id" UUID NOT NULL,
  "instanceId" UUID NOT NULL,
  "documentId" UUID,
  "grade" "SecurityGrade" NOT NULL,
  "destroyedBy" TEXT,
  "destroyedAt" TIMESTAMP(3) NOT NULL,
  "removed" JSONB NOT NULL,
  CONSTRAINT "DestructionRecord_pkey" PRIMARY KEY ("id")
);
