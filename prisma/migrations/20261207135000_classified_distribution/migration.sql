-- Classified distribution (docs/classified-distribution.md): each copy sent to a recipient unit, its receipt, its
-- hand-over to a cleared handler within one working hour (or the escalation), and the handler's signature.
CREATE TABLE "ClassifiedReceipt" (
  "instanceId" UUID NOT NULL,
  "copyNumber" INTEGER NOT NULL,
  "unitId" UUID NOT NULL,
  "clerkIds" UUID[],
  "receivedAt" TIMESTAMP(3),
  "handoverDueAt" TIMESTAMP(3),
  "handlerId" UUID,
  "handedAt" TIMESTAMP(3),
  "escalatedAt" TIMESTAMP(3),
  "signedAt" TIMESTAMP(3),
  CONSTRAINT "ClassifiedReceipt_pkey" PRIMARY KEY ("instanceId", "copyNumber"),
  CONSTRAINT "ClassifiedReceipt_instanceId_copyNumber_fkey" FOREIGN KEY ("instanceId", "copyNumber")
    REFERENCES "ClassifiedCopy"("instanceId", "number") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "ClassifiedReceipt_instanceId_unitId_key" ON "ClassifiedReceipt"("instanceId", "unitId");
