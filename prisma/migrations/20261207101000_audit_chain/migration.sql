-- The tamper-evident audit trail (docs/audit.md): who, from where, whose data and with what outcome; every row
-- hash-chained to the one before it by a trigger, so every insert path (Prisma or raw SQL) is chained; UPDATE, DELETE
-- and TRUNCATE refused. The rows already there are sealed here, so an upgraded database verifies too.

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('success', 'failure', 'denied');

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN "sourceAddress" TEXT,
ADD COLUMN "subject" TEXT,
ADD COLUMN "outcome" "AuditOutcome" NOT NULL DEFAULT 'success';

-- CreateIndex
CREATE INDEX "AuditLog_actor_id_idx" ON "AuditLog"("actor", "id");
CREATE INDEX "AuditLog_action_id_idx" ON "AuditLog"("action", "id");

-- CreateTable
-- The chain's head: one row, locked FOR UPDATE by every append until its transaction commits. A row lock (not an
-- advisory lock and a read of the newest row) because a REPEATABLE READ or SERIALIZABLE transaction would read the
-- newest row from its old snapshot and fork the chain; on the head row it gets a serialization failure instead.
CREATE TABLE "AuditChainHead" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "lastId" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "AuditChainHead_one_row" CHECK ("id" = 1)
);

-- CreateFunction
-- One field of the canonical serialisation: `-` for NULL, else its length in UTF-8 bytes, a colon and the text.
CREATE FUNCTION "auditField"(value TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN value IS NULL THEN '-' ELSE octet_length(value)::TEXT || ':' || value END $$;

-- CreateFunction
-- SHA-256 (hex) over the eleven fields joined by `|`; engine/audit-chain.ts computes the same in TypeScript.
CREATE FUNCTION "auditRowHash"(entry "AuditLog") RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT encode(sha256(convert_to(concat_ws('|',
  "auditField"(entry."id"::TEXT),
  "auditField"(to_char(entry."at", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
  "auditField"(entry."actor"),
  "auditField"(entry."sourceAddress"),
  "auditField"(entry."subject"),
  "auditField"(entry."action"),
  "auditField"(entry."objectType"),
  "auditField"(entry."objectId"),
  "auditField"(entry."outcome"::TEXT),
  "auditField"(entry."details"::TEXT),
  "auditField"(entry."prevHash")), 'UTF8')), 'hex') $$;

-- Seal the existing rows in id order, from the genesis value (64 zeros).
DO $$
DECLARE
  entry "AuditLog";
  previous TEXT := repeat('0', 64);
  last_id BIGINT := 0;
BEGIN
  FOR entry IN SELECT * FROM "AuditLog" ORDER BY "id" LOOP
    entry."prevHash" := previous;
    entry."hash" := "auditRowHash"(entry);
    UPDATE "AuditLog" SET "prevHash" = entry."prevHash", "hash" = entry."hash" WHERE "id" = entry."id";
    previous := entry."hash";
    last_id := entry."id";
  END LOOP;
  INSERT INTO "AuditChainHead" ("id", "lastId", "hash") VALUES (1, last_id, previous);
END $$;

-- CreateFunction
-- Chains a new row: waits for the head (held until the appending transaction ends), gives the row an id above the
-- head's when a concurrent insert drew a lower one first, so ids follow the chain, and moves the head.
CREATE FUNCTION "auditChainAppend"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  head "AuditChainHead";
BEGIN
  SELECT * INTO STRICT head FROM "AuditChainHead" WHERE "id" = 1 FOR UPDATE;
  IF NEW."id" <= head."lastId" THEN
    NEW."id" := nextval(pg_get_serial_sequence('"AuditLog"', 'id'));
  END IF;
  NEW."prevHash" := head."hash";
  NEW."hash" := "auditRowHash"(NEW);
  UPDATE "AuditChainHead" SET "lastId" = NEW."id", "hash" = NEW."hash" WHERE "id" = 1;
  RETURN NEW;
END $$;

-- CreateFunction
CREATE FUNCTION "auditRefuseChange"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditLog is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;

-- CreateTrigger
CREATE TRIGGER "AuditLog_chain" BEFORE INSERT ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION "auditChainAppend"();
CREATE TRIGGER "AuditLog_append_only" BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION "auditRefuseChange"();
CREATE TRIGGER "AuditLog_no_truncate" BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION "auditRefuseChange"();
