/** Work-queue projections of user tasks. Each write is idempotent: a retried activity changes nothing twice. */
import type { Variables } from '../shared/feel';
import { asJson, Prisma } from '../platform/db';
import { variableChanges } from '../engine/variable-changes';
import type { ActivityDeps } from './deps';
import { appendAudit } from '../engine/audit';
import type { CarriesHistory } from '../shared/workflow-contract';
import { withCarriedHistory, writeHistory, writesItsHistory } from './history';

export interface CreateUserTaskInput extends CarriesHistory {
  taskId: string;
  instanceId: string;
  elementId: string;
  elementInstanceId: string;
  name: string;
  assignee?: string;
  candidateGroups: string[];
  candidateUsers: string[];
  dueAt?: string;
  followUpAt?: string;
  priority: number;
  form?: Record<string, string | undefined>;
}

export interface CompleteUserTaskInput extends CarriesHistory {
  taskId: string;
  instanceId: string;
  completedBy: string;
  result: Variables;
  /** The instance variables after the completion, projected to the instance index in the same transaction. */
  variables: Variables;
}

export function createUserTaskActivities({ prisma, now }: ActivityDeps) {
  return {
    /**
     * One statement: the row, placed in the org chart by the first candidate group that names an org unit, or, when
     * the task is offered to no one, as unassigned work of the instance's unit, whose people may claim it
     * (docs/zeebe-compatibility.md). A retried activity finds the row there and changes nothing.
     */
    createUserTask: writesItsHistory(async (input: CreateUserTaskInput): Promise<void> => {
      const unassignedWork = !input.assignee && !input.candidateGroups.length && !input.candidateUsers.length;
      // Stored as timestamp(3) in UTC, as Prisma stores DateTime.
      const utc = (iso: string | undefined) => Prisma.sql`(${iso ?? null}::timestamptz AT TIME ZONE 'UTC')`;
      await prisma.$executeRaw(
        withCarriedHistory(
          input,
          Prisma.sql`
        INSERT INTO "UserTask" ("id", "processInstanceId", "elementId", "elementInstanceId", "name", "assignee",
          "candidateGroups", "candidateUsers", "dueAt", "followUpAt", "priority", "form", "orgUnitId", "createdAt")
        VALUES (${input.taskId}::uuid, ${input.instanceId}::uuid, ${input.elementId}, ${input.elementInstanceId},
          ${input.name}, ${input.assignee ?? null}, ${input.candidateGroups}::text[], ${input.candidateUsers}::text[],
          ${utc(input.dueAt)}, ${utc(input.followUpAt)}, ${input.priority},
          ${input.form ? JSON.stringify(input.form) : null}::jsonb,
          COALESCE(
            (SELECT "orgUnitId" FROM "Group"
              WHERE "code" = ANY(${input.candidateGroups}::text[]) AND "orgUnitId" IS NOT NULL LIMIT 1),
            (SELECT "orgUnitId" FROM "ProcessInstance" WHERE "id" = ${input.instanceId}::uuid AND ${unassignedWork})),
          ${utc(now().toISOString())})
        ON CONFLICT ("processInstanceId", "elementInstanceId") DO NOTHING`,
        ),
      );
    }),

    async updateUserTaskDueDate(input: { taskId: string; dueAt: string }): Promise<void> {
      await prisma.userTask.updateMany({
        where: { id: input.taskId, state: 'CREATED' },
        data: { dueAt: new Date(input.dueAt) },
      });
    },

    async cancelUserTask(input: { taskId: string }): Promise<void> {
      await prisma.userTask.updateMany({
        where: { id: input.taskId, state: 'CREATED' },
        data: { state: 'CANCELED', completedAt: now() },
      });
    },

    /** The task's row, the instance's variables, their changes, the audit row and the carried history: one transaction. */
    completeUserTask: writesItsHistory(async (input: CompleteUserTaskInput): Promise<void> => {
      const at = now();
      await prisma.$transaction(async (tx) => {
        if (input.history) await writeHistory({ prisma: tx }, input.instanceId, input.history);
        const completed = await tx.userTask.updateMany({
          where: { id: input.taskId, state: 'CREATED' },
          data: { state: 'COMPLETED', completedAt: at, completedBy: input.completedBy, result: asJson(input.result) },
        });
        const before = await replaceVariables(tx, input.instanceId, input.variables);
        // A retried activity finds the task completed already: its changes and its audit entry are written once.
        if (completed.count > 0) {
          const origin = {
            instanceId: input.instanceId,
            source: 'task',
            sourceId: input.taskId,
            changedBy: input.completedBy,
            at,
          } as const;
          // What the person submitted is theirs; other differences the process made since the last projection.
          const changes = variableChanges(before.variables as Variables, input.variables, origin).map((change) =>
            change.name in input.result ? change : { ...change, source: 'process', sourceId: null, changedBy: null },
          );
          await tx.variableChange.createMany({ data: changes });
          await appendAudit(tx, {
            at,
            actor: input.completedBy,
            action: 'task.completed',
            objectType: 'UserTask',
            objectId: input.taskId,
            details: { instanceId: input.instanceId },
          });
        }
      });
    }),
  };
}

/** Sets the instance's variables and returns those they replace, in one statement (the row locked meanwhile). */
async function replaceVariables(tx: Prisma.TransactionClient, instanceId: string, variables: Variables) {
  const [before] = await tx.$queryRaw<Array<{ variables: Prisma.JsonValue }>>`
    UPDATE "ProcessInstance" AS instance SET "variables" = ${JSON.stringify(variables)}::jsonb
      FROM (SELECT "id", "variables" FROM "ProcessInstance" WHERE "id" = ${instanceId}::uuid FOR UPDATE) AS previous
     WHERE instance."id" = previous."id"
    RETURNING previous."variables"`;
  if (!before) throw new Error(`no instance ${instanceId} in the index`);
  return before;
}
