-- Partial indexes on open tasks (hand-written: the Prisma schema cannot express a WHERE clause). The queues read
-- only open tasks, which stay a small share of the table as closed ones pile up; these indexes hold only them, in
-- the queues' default order (due date, then id), so a queue's first page is an index range, not a sort of every
-- task a person or group ever had.

-- "mine": assigned or delegated to me.
CREATE INDEX "UserTask_open_assignee_due_idx" ON "UserTask" ("assignee", "dueAt", "id") WHERE "state" = 'CREATED';

-- "groups": unassigned and offered to one of my groups, or to me.
CREATE INDEX "UserTask_open_unassigned_groups_idx" ON "UserTask" USING GIN ("candidateGroups")
  WHERE "state" = 'CREATED' AND "assignee" IS NULL;
CREATE INDEX "UserTask_open_unassigned_users_idx" ON "UserTask" USING GIN ("candidateUsers")
  WHERE "state" = 'CREATED' AND "assignee" IS NULL;

-- "department": my unit's open tasks.
CREATE INDEX "UserTask_open_unit_due_idx" ON "UserTask" ("orgUnitId", "dueAt", "id") WHERE "state" = 'CREATED';
