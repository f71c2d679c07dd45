-- A task completion and a job's terminal command no longer hold a transaction across the workflow's update: a short
-- lease on the row keeps hand-overs and other commands off it meanwhile.
ALTER TABLE "UserTask" ADD COLUMN "completingUntil" TIMESTAMP(3);
ALTER TABLE "ExternalJob" ADD COLUMN "endingUntil" TIMESTAMP(3);
