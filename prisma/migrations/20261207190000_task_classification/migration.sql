-- Each task carries its instance's classification, so the queues' need-to-know filter reads the task row alone for
-- unclassified work instead of probing "ProcessInstance" for every open task it looks at (api/auth/classified.ts).
-- Triggers keep the copy, whoever writes: a new task takes its instance's grade, and a regrade or declassification
-- of the instance (engine/classified/review.ts) moves its tasks with it. The new task locks the instance row
-- (FOR SHARE) while it reads the grade, so a reclassification cannot commit between that read and the task's insert.
ALTER TABLE "UserTask" ADD COLUMN "classification" "SecurityGrade";

UPDATE "UserTask" t SET "classification" = i."classification"
  FROM "ProcessInstance" i
 WHERE i."id" = t."processInstanceId" AND i."classification" IS NOT NULL;

CREATE FUNCTION "taskTakesInstanceClassification"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  SELECT "classification" INTO NEW."classification" FROM "ProcessInstance"
   WHERE "id" = NEW."processInstanceId" FOR SHARE;
  RETURN NEW;
END $$;

CREATE TRIGGER "UserTask_classification" BEFORE INSERT OR UPDATE OF "processInstanceId", "classification" ON "UserTask"
  FOR EACH ROW EXECUTE FUNCTION "taskTakesInstanceClassification"();

CREATE FUNCTION "instanceClassificationToTasks"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "UserTask" SET "classification" = NEW."classification" WHERE "processInstanceId" = NEW."id";
  RETURN NULL;
END $$;

CREATE TRIGGER "ProcessInstance_classification_to_tasks" AFTER UPDATE OF "classification" ON "ProcessInstance"
  FOR EACH ROW WHEN (OLD."classification" IS DISTINCT FROM NEW."classification")
  EXECUTE FUNCTION "instanceClassificationToTasks"();
