/**
 * After the drain: what must hold however often anything was killed, checked against the ledger, the database,
 * Temporal and the mail counter. Each invariant says pass or fail with its counts; a failure lists a few ids.
 */
import { Client as Temporal, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { PROCESS_WORKFLOW } from '../../shared/workflow-contract';
import { decisionFor, expectedEnd, type Ledger } from './ledger';
import type { CountedMail } from './mail-counter';

export interface Invariant {
  name: string;
  passed: boolean;
  detail: string;
}

interface InstanceRow {
  id: string;
  state: string;
  endElementId: string | null;
  email: string | null;
}
interface TaskRow {
  id: string;
  instanceId: string;
  state: string;
  approved: boolean | null;
}

const SHOWN_IDS = 5;

export async function checkInvariants(input: {
  databaseUrl: string;
  temporalAddress: string;
  namespace: string;
  ledger: Ledger;
  mail: CountedMail[];
  instancesWanted: number;
  drainedInTime: boolean;
}): Promise<Invariant[]> {
  const { ledger } = input;
  const { instances, tasks } = await readDatabase(input.databaseUrl);
  const byId = new Map(instances.map((row) => [row.id, row]));
  const tasksOf = groupBy(tasks, (task) => task.instanceId);
  const results: Invariant[] = [];
  const check = (name: string, failures: string[], counted: string) =>
    results.push({
      name,
      passed: failures.length === 0,
      detail:
        failures.length === 0
          ? counted
          : `${counted}; ${failures.length} broken: ${failures.slice(0, SHOWN_IDS).join(', ')}`,
    });

  const open = instances.filter((row) => row.state === 'ACTIVE' || row.state === 'INCIDENT');
  check(
    'drained in time',
    [
      ...(input.drainedInTime ? [] : ['the drain deadline passed']),
      ...(ledger.starts.size < input.instancesWanted ? [`only ${ledger.starts.size} starts acknowledged`] : []),
      ...open.map((row) => `${row.id} still ${row.state}`),
    ],
    `${ledger.starts.size}/${input.instancesWanted} starts acknowledged, ${instances.length - open.length}/${instances.length} ` +
      `instances ended`,
  );

  check(
    'one instance per start request (retries carry an Idempotency-Key)',
    instances
      .filter((row) => !ledger.starts.has(row.id))
      .map((row) => `${row.id} was started by no acknowledged request`),
    `${instances.length} instance rows for ${ledger.starts.size} acknowledged starts`,
  );

  check(
    'every acknowledged start is in the database',
    [...ledger.starts.keys()].filter((id) => !byId.has(id)),
    `${ledger.starts.size} acknowledged starts, ${instances.length} instance rows`,
  );

  const taskById = new Map(tasks.map((task) => [task.id, task]));
  check(
    'every acknowledged completion is in the database',
    [...ledger.completions].flatMap(([taskId, done]) => {
      const row = taskById.get(taskId);
      return row?.state === 'COMPLETED' && row.approved === done.approved
        ? []
        : [`task ${taskId}: ${row?.state ?? 'missing'}`];
    }),
    `${ledger.completions.size} acknowledged completions`,
  );

  check(
    'every instance reached its expected end',
    instances.flatMap((row) => {
      const expected = expectedEnd(decisionFor(row.id));
      return row.state === 'COMPLETED' && row.endElementId === expected
        ? []
        : [`${row.id} ${row.state} at ${row.endElementId ?? '-'} (expected ${expected})`];
    }),
    `${instances.length} instances, ${instances.filter((row) => decisionFor(row.id)).length} to be approved`,
  );

  check(
    'exactly one task row per user-task visit',
    instances.flatMap((row) => {
      const count = tasksOf.get(row.id)?.length ?? 0;
      return count === 1 ? [] : [`${row.id} has ${count} task rows`];
    }),
    `${tasks.length} task rows for ${instances.length} visits`,
  );

  // A send is one Message-ID (derived from the job's idempotency key, activities/outbound-email.ts): a worker that
  // dies between the SMTP transaction and recording it resends with the same Message-ID, which mail systems drop as
  // the same message. So sends are counted by Message-ID; such redeliveries are shown, and a second ID fails.
  const idsTo = new Map<string, Set<string>>();
  for (const mail of input.mail) {
    for (const to of mail.to) idsTo.set(to, (idsTo.get(to) ?? new Set()).add(mail.messageId ?? `no id ${to}`));
  }
  const messageIds = [...idsTo.values()].reduce((sum, ids) => sum + ids.size, 0);
  const approvedTo = groupBy(
    instances.filter((row) => decisionFor(row.id) && row.email),
    (row) => (row.email ?? '').toLowerCase(),
  );
  const approvedCount = [...approvedTo.values()].reduce((sum, rows) => sum + rows.length, 0);
  const recipients = new Set([...idsTo.keys(), ...approvedTo.keys()]);
  check(
    'exactly one email per send',
    [...recipients].flatMap((to) => {
      const got = idsTo.get(to)?.size ?? 0;
      const wanted = approvedTo.get(to)?.length ?? 0;
      return got === wanted ? [] : [`${to}: ${got} emails for ${wanted} sends`];
    }),
    `${messageIds} emails (Message-IDs) for ${approvedCount} sends; ${input.mail.length - messageIds} redelivered ` +
      `with the same Message-ID`,
  );

  const byStatus = countBy(ledger.refused, (answer) => String(answer.status));
  const statuses = Object.entries(byStatus)
    .map(([status, count]) => `${status === '0' ? 'no answer' : status}×${count}`)
    .join(' ');
  check(
    'the API answered 503, never another 5xx nor internals, while a dependency was down',
    ledger.refused
      .filter((answer) => (answer.status >= 500 && answer.status !== 503) || answer.leaksInternals)
      .map(
        (answer) =>
          `${answer.method} ${answer.path} ${answer.status} ${answer.code ?? ''} [${answer.faults.join(' ')}]`,
      ),
    `non-2xx the bots saw: ${statuses || 'none'}; 503 during an outage: ${ledger.refused.filter((a) => a.status === 503 && a.faults.length > 0).length}`,
  );

  const workflows = await readWorkflows(input.temporalAddress, input.namespace, instances);
  check(
    'no ACTIVE row without a workflow and no workflow without a row',
    [
      ...instances.flatMap((row) => {
        const status = workflows.statusOf.get(row.id);
        const agrees = row.state === 'ACTIVE' ? status === 'RUNNING' : row.state === status;
        return agrees ? [] : [`${row.id}: row ${row.state}, workflow ${status ?? 'missing'}`];
      }),
      ...workflows.running.filter((id) => !byId.has(id)).map((id) => `${id}: running workflow without a row`),
    ],
    `${instances.length} rows, ${workflows.statusOf.size} workflows found, ${workflows.running.length} running`,
  );
  return results;
}

async function readDatabase(databaseUrl: string) {
  const client = new PgClient({ connectionString: databaseUrl });
  await client.connect();
  try {
    const instances = await client.query<InstanceRow>(
      `SELECT id, state, "endElementId", variables->>'applicantEmail' AS email
         FROM "ProcessInstance" WHERE "bpmnProcessId" = 'demo-approval'`,
    );
    const tasks = await client.query<TaskRow>(
      `SELECT t.id, t."processInstanceId" AS "instanceId", t.state, (t.result->>'approved')::boolean AS approved
         FROM "UserTask" t JOIN "ProcessInstance" i ON i.id = t."processInstanceId"
        WHERE i."bpmnProcessId" = 'demo-approval'`,
    );
    return { instances: instances.rows, tasks: tasks.rows };
  } finally {
    await client.end();
  }
}

/** Each row's workflow status (as the row's state names it), and every workflow of the interpreter still running. */
async function readWorkflows(address: string, namespace: string, rows: InstanceRow[]) {
  const connection = await Connection.connect({ address });
  try {
    const client = new Temporal({ connection, namespace });
    const statusOf = new Map<string, string>();
    const queue = [...rows];
    const describeNext = async (): Promise<void> => {
      for (let row = queue.pop(); row; row = queue.pop()) {
        const description = await client.workflow
          .getHandle(row.id)
          .describe()
          .catch(() => undefined);
        if (description)
          statusOf.set(row.id, description.status.name === 'CANCELLED' ? 'CANCELED' : description.status.name);
      }
    };
    await Promise.all(Array.from({ length: 8 }, describeNext));
    const running: string[] = [];
    for await (const execution of client.workflow.list({
      query: `WorkflowType = '${PROCESS_WORKFLOW}' AND ExecutionStatus = 'Running'`,
    })) {
      running.push(execution.workflowId);
    }
    return { statusOf, running };
  } finally {
    await connection.close();
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
