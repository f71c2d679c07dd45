-- Dashboard aggregates (docs/dashboards.md): counts and duration histograms per process version and Korean day,
-- kept current by triggers on the rows the engine already writes, so a dashboard reads thousands of aggregate rows
-- instead of millions of history rows. A duration falls in bucket floor(ln(1 + ms) / ln(1.1)): each bucket is 10%
-- wider than the one before, so a percentile read from the histogram is within 5% of the exact one.

-- CreateFunction
CREATE FUNCTION "dashboardDurationBucket"(ms DOUBLE PRECISION) RETURNS INTEGER
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT floor(ln(1 + greatest(ms, 0)) / ln(1.1))::INTEGER $$;

-- CreateFunction
-- Timestamps are stored in UTC; a dashboard day is a day in Korea (UTC+9, no daylight saving).
CREATE FUNCTION "dashboardDay"(at TIMESTAMP(3)) RETURNS DATE
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT (at + INTERVAL '9 hours')::DATE $$;

-- CreateFunction
-- A task of no unit is counted under the nil UUID, so that every aggregate key is a primary key.
CREATE FUNCTION "dashboardUnit"(unit UUID) RETURNS UUID
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT coalesce(unit, '00000000-0000-0000-0000-000000000000'::UUID) $$;

-- CreateFunction
CREATE FUNCTION "dashboardMs"(started TIMESTAMP(3), ended TIMESTAMP(3)) RETURNS DOUBLE PRECISION
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT greatest(extract(epoch FROM ended - started) * 1000, 0) $$;

-- CreateTable
CREATE TABLE "InstanceStartStat" (
    "definitionId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "started" INTEGER NOT NULL,

    CONSTRAINT "InstanceStartStat_pkey" PRIMARY KEY ("definitionId", "day")
);

-- CreateTable
CREATE TABLE "InstanceDurationStat" (
    "definitionId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "durationMsSum" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "InstanceDurationStat_pkey" PRIMARY KEY ("definitionId", "day", "bucket")
);

-- CreateTable
CREATE TABLE "ElementDurationStat" (
    "definitionId" UUID NOT NULL,
    "elementId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "durationMsSum" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ElementDurationStat_pkey" PRIMARY KEY ("definitionId", "elementId", "day", "bucket")
);

-- CreateTable
CREATE TABLE "TaskCreatedStat" (
    "definitionId" UUID NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "created" INTEGER NOT NULL,

    CONSTRAINT "TaskCreatedStat_pkey" PRIMARY KEY ("definitionId", "orgUnitId", "day")
);

-- CreateTable
CREATE TABLE "TaskCompletedStat" (
    "definitionId" UUID NOT NULL,
    "elementId" TEXT NOT NULL,
    "orgUnitId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "durationMsSum" DOUBLE PRECISION NOT NULL,
    "onTime" INTEGER NOT NULL,
    "late" INTEGER NOT NULL,

    CONSTRAINT "TaskCompletedStat_pkey" PRIMARY KEY ("definitionId", "elementId", "orgUnitId", "day", "bucket")
);

-- CreateIndex
CREATE INDEX "TaskCreatedStat_orgUnitId_day_idx" ON "TaskCreatedStat"("orgUnitId", "day");

-- CreateIndex
CREATE INDEX "TaskCompletedStat_orgUnitId_day_idx" ON "TaskCompletedStat"("orgUnitId", "day");

-- CreateIndex
CREATE INDEX "TaskCompletedStat_definitionId_day_idx" ON "TaskCompletedStat"("definitionId", "day");

-- CreateIndex
-- The heatmap's active tokens: the few running rows among millions of finished ones.
CREATE INDEX "ElementInstance_running_idx" ON "ElementInstance"("processInstanceId", "elementId") WHERE "state" IN ('ACTIVE', 'INCIDENT');

-- CreateIndex
CREATE INDEX "ProcessInstance_definitionId_state_idx" ON "ProcessInstance"("definitionId", "state");

-- CreateFunction
CREATE FUNCTION "dashboardCountInstance"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "InstanceStartStat" VALUES (NEW."definitionId", "dashboardDay"(NEW."startedAt"), 1)
    ON CONFLICT ("definitionId", "day") DO UPDATE SET "started" = "InstanceStartStat"."started" + 1;
  ELSIF TG_OP = 'DELETE' THEN
    -- A start that Temporal refused removes its row again.
    UPDATE "InstanceStartStat" SET "started" = "started" - 1
    WHERE "definitionId" = OLD."definitionId" AND "day" = "dashboardDay"(OLD."startedAt");
  ELSIF NEW."state" = 'COMPLETED' AND NEW."endedAt" IS NOT NULL
        AND NOT (OLD."state" = 'COMPLETED' AND OLD."endedAt" IS NOT NULL) THEN
    INSERT INTO "InstanceDurationStat"
    VALUES (NEW."definitionId", "dashboardDay"(NEW."endedAt"),
            "dashboardDurationBucket"("dashboardMs"(NEW."startedAt", NEW."endedAt")), 1,
            "dashboardMs"(NEW."startedAt", NEW."endedAt"))
    ON CONFLICT ("definitionId", "day", "bucket") DO UPDATE SET
      "count" = "InstanceDurationStat"."count" + 1,
      "durationMsSum" = "InstanceDurationStat"."durationMsSum" + EXCLUDED."durationMsSum";
  END IF;
  RETURN NULL;
END $$;

-- CreateFunction
-- Element history rows are upserted, often more than once: only the write that first completes a row counts.
CREATE FUNCTION "dashboardCountElement"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."state" = 'COMPLETED' AND NEW."endedAt" IS NOT NULL
     AND (TG_OP = 'INSERT' OR NOT (OLD."state" = 'COMPLETED' AND OLD."endedAt" IS NOT NULL)) THEN
    INSERT INTO "ElementDurationStat"
    SELECT i."definitionId", NEW."elementId", "dashboardDay"(NEW."endedAt"),
           "dashboardDurationBucket"("dashboardMs"(NEW."startedAt", NEW."endedAt")), 1,
           "dashboardMs"(NEW."startedAt", NEW."endedAt")
    FROM "ProcessInstance" i WHERE i."id" = NEW."processInstanceId"
    ON CONFLICT ("definitionId", "elementId", "day", "bucket") DO UPDATE SET
      "count" = "ElementDurationStat"."count" + 1,
      "durationMsSum" = "ElementDurationStat"."durationMsSum" + EXCLUDED."durationMsSum";
  END IF;
  RETURN NULL;
END $$;

-- CreateFunction
CREATE FUNCTION "dashboardCountTask"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "TaskCreatedStat"
    SELECT i."definitionId", "dashboardUnit"(NEW."orgUnitId"), "dashboardDay"(NEW."createdAt"), 1
    FROM "ProcessInstance" i WHERE i."id" = NEW."processInstanceId"
    ON CONFLICT ("definitionId", "orgUnitId", "day") DO UPDATE SET "created" = "TaskCreatedStat"."created" + 1;
  END IF;
  IF NEW."state" = 'COMPLETED' AND NEW."completedAt" IS NOT NULL
     AND (TG_OP = 'INSERT' OR NOT (OLD."state" = 'COMPLETED' AND OLD."completedAt" IS NOT NULL)) THEN
    INSERT INTO "TaskCompletedStat"
    SELECT i."definitionId", NEW."elementId", "dashboardUnit"(NEW."orgUnitId"), "dashboardDay"(NEW."completedAt"),
           "dashboardDurationBucket"("dashboardMs"(NEW."createdAt", NEW."completedAt")), 1,
           "dashboardMs"(NEW."createdAt", NEW."completedAt"),
           (NEW."dueAt" IS NOT NULL AND NEW."completedAt" <= NEW."dueAt")::INTEGER,
           (NEW."dueAt" IS NOT NULL AND NEW."completedAt" > NEW."dueAt")::INTEGER
    FROM "ProcessInstance" i WHERE i."id" = NEW."processInstanceId"
    ON CONFLICT ("definitionId", "elementId", "orgUnitId", "day", "bucket") DO UPDATE SET
      "count" = "TaskCompletedStat"."count" + 1,
      "durationMsSum" = "TaskCompletedStat"."durationMsSum" + EXCLUDED."durationMsSum",
      "onTime" = "TaskCompletedStat"."onTime" + EXCLUDED."onTime",
      "late" = "TaskCompletedStat"."late" + EXCLUDED."late";
  END IF;
  RETURN NULL;
END $$;

-- CreateTrigger
CREATE TRIGGER "ProcessInstance_dashboard" AFTER INSERT OR DELETE OR UPDATE OF "state", "endedAt" ON "ProcessInstance"
FOR EACH ROW EXECUTE FUNCTION "dashboardCountInstance"();

-- CreateTrigger
CREATE TRIGGER "ElementInstance_dashboard" AFTER INSERT OR UPDATE OF "state", "endedAt" ON "ElementInstance"
FOR EACH ROW EXECUTE FUNCTION "dashboardCountElement"();

-- CreateTrigger
CREATE TRIGGER "UserTask_dashboard" AFTER INSERT OR UPDATE OF "state", "completedAt" ON "UserTask"
FOR EACH ROW EXECUTE FUNCTION "dashboardCountTask"();

-- CreateFunction
-- Recomputes every aggregate from the rows: the backfill below, and after a bulk load that ran without triggers.
CREATE FUNCTION "dashboardRebuild"() RETURNS VOID LANGUAGE sql AS $$
  TRUNCATE "InstanceStartStat", "InstanceDurationStat", "ElementDurationStat", "TaskCreatedStat", "TaskCompletedStat";
  INSERT INTO "InstanceStartStat"
  SELECT "definitionId", "dashboardDay"("startedAt"), count(*) FROM "ProcessInstance" GROUP BY 1, 2;
  INSERT INTO "InstanceDurationStat"
  SELECT "definitionId", "dashboardDay"("endedAt"), "dashboardDurationBucket"("dashboardMs"("startedAt", "endedAt")),
         count(*), sum("dashboardMs"("startedAt", "endedAt"))
  FROM "ProcessInstance" WHERE "state" = 'COMPLETED' AND "endedAt" IS NOT NULL GROUP BY 1, 2, 3;
  INSERT INTO "ElementDurationStat"
  SELECT i."definitionId", e."elementId", "dashboardDay"(e."endedAt"),
         "dashboardDurationBucket"("dashboardMs"(e."startedAt", e."endedAt")), count(*),
         sum("dashboardMs"(e."startedAt", e."endedAt"))
  FROM "ElementInstance" e JOIN "ProcessInstance" i ON i."id" = e."processInstanceId"
  WHERE e."state" = 'COMPLETED' AND e."endedAt" IS NOT NULL GROUP BY 1, 2, 3, 4;
  INSERT INTO "TaskCreatedStat"
  SELECT i."definitionId", "dashboardUnit"(t."orgUnitId"), "dashboardDay"(t."createdAt"), count(*)
  FROM "UserTask" t JOIN "ProcessInstance" i ON i."id" = t."processInstanceId" GROUP BY 1, 2, 3;
  INSERT INTO "TaskCompletedStat"
  SELECT i."definitionId", t."elementId", "dashboardUnit"(t."orgUnitId"), "dashboardDay"(t."completedAt"),
         "dashboardDurationBucket"("dashboardMs"(t."createdAt", t."completedAt")), count(*),
         sum("dashboardMs"(t."createdAt", t."completedAt")),
         count(*) FILTER (WHERE t."dueAt" IS NOT NULL AND t."completedAt" <= t."dueAt"),
         count(*) FILTER (WHERE t."dueAt" IS NOT NULL AND t."completedAt" > t."dueAt")
  FROM "UserTask" t JOIN "ProcessInstance" i ON i."id" = t."processInstanceId"
  WHERE t."state" = 'COMPLETED' AND t."completedAt" IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
$$;

-- Backfill
SELECT "dashboardRebuild"();
