-- Records metadata (docs/records.md): the 처리과, retention and disclosure of approval documents, and the
-- registration numbers given on approval (생산등록) and receipt (접수등록), per unit, year and kind, without gaps.
CREATE TYPE "RetentionPeriod" AS ENUM ('PERMANENT', 'SEMI_PERMANENT', 'YEARS_30', 'YEARS_10', 'YEARS_5', 'YEARS_3', 'YEARS_1');
CREATE TYPE "DisclosureClass" AS ENUM ('PUBLIC', 'PARTIAL', 'NON_PUBLIC');
CREATE TYPE "RegistrationKind" AS ENUM ('PRODUCTION', 'RECEIPT');

ALTER TABLE "ApprovalDocument"
  ADD COLUMN "processingUnitId" UUID,
  ADD COLUMN "retention" "RetentionPeriod" NOT NULL DEFAULT 'YEARS_10',
  ADD COLUMN "disclosure" "DisclosureClass" NOT NULL DEFAULT 'PUBLIC',
  ADD COLUMN "nonDisclosureGrounds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
  ADD COLUMN "retentionEndsAt" DATE;
ALTER TABLE "ApprovalDocument" ADD CONSTRAINT "ApprovalDocument_processingUnitId_fkey"
  FOREIGN KEY ("processingUnitId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "ApprovalDocument_retentionEndsAt_id_idx" ON "ApprovalDocument"("retentionEndsAt", "id");
-- Documents drafted before this migration belong to their drafter's unit of today.
UPDATE "ApprovalDocument" document SET "processingUnitId" = drafter."orgUnitId"
  FROM "User" drafter WHERE drafter."id" = document."drafterId";

CREATE TABLE "RegistrationCounter" (
  "unitId" UUID NOT NULL,
  "year" INTEGER NOT NULL,
  "kind" "RegistrationKind" NOT NULL,
  "lastSerial" INTEGER NOT NULL,
  CONSTRAINT "RegistrationCounter_pkey" PRIMARY KEY ("unitId", "year", "kind")
);

CREATE TABLE "Registration" (
  "id" UUID NOT NULL,
  "kind" "RegistrationKind" NOT NULL,
  "unitId" UUID NOT NULL,
  "year" INTEGER NOT NULL,
  "serial" INTEGER NOT NULL,
  "number" TEXT NOT NULL,
  "registeredAt" TIMESTAMP(3) NOT NULL,
  "documentId" UUID,
  CONSTRAINT "Registration_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Registration_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id")
    ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "Registration_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "ApprovalDocument"("id")
    ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "Registration_unitId_year_kind_serial_key" ON "Registration"("unitId", "year", "kind", "serial");
CREATE UNIQUE INDEX "Registration_documentId_kind_key" ON "Registration"("documentId", "kind");

-- CreateFunction
-- Registration data may not be changed once given (기록물관리법 시행령 §20③): a registration is never updated or
-- deleted, whoever asks.
CREATE FUNCTION "refuseRegistrationChange"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'registration % is not editable: registration data is kept as given', OLD."number"
    USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TRIGGER "Registration_immutable" BEFORE UPDATE OR DELETE ON "Registration"
  FOR EACH ROW EXECUTE FUNCTION "refuseRegistrationChange"();
