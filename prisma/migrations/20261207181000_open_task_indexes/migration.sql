-- Partial indexes on open tasks (hand-written: the Prisma schema cannot express a WHERE clause). The queues read
-- only open tasks, which stay a small share of the table as closed ones pile up; these indexes hold only them.
-- Their predicate is "completedAt" IS NULL, not "state" = 'CREATED': Prisma sends the state as a cast of a text
-- parameter to the enum, which PostgreSQL cannot fold into a constant, so it could never prove a state predicate.
-- A task leaves the open state only by completion or cancellation, and both set "completedAt"
-- (activities/user-tasks.ts); the queue query states both conditions (api/services/task-queue.ts).

-- "mine": assigned or delegated to me, in due-date order.
CREATE INDEX "UserTask_open_assignee_due_idx" ON "UserTask" ("assignee", "dueAt", "id") WHERE "completedAt" IS NULL;

-- "groups": unassigned and offered to one of my groups, or to me.
CREATE INDEX "UserTask_open_unassigned_groups_idx" ON "UserTask" USING GIN ("candidateGroups")
  WHERE "completedAt" IS NULL AND "assignee" IS NULL;
CREATE INDEX "UserTask_open_unassigned_users_idx" ON "UserTask" USING GIN ("candidateUsers")
  WHERE "completedAt" IS NULL AND "assignee" IS NULL;

-- "department": my unit's open tasks, in due-date order.
CREATE INDEX "UserTask_open_unit_due_idx" ON "UserTask" ("orgUnitId", "dueAt", "id") WHERE "completedAt" IS NULL;
