/**
 * The bot and the closed loop. For A and B the bot finds the open task row of its instance (polled) and completes
 * it as clerk1 with api/services/tasks.ts completeTask, the API's own path to the Temporal update. It always
 * approves, so the service task sends the email. No think time.
 */
import { Client as PgClient } from 'pg';
import { completeTask } from '../api/services/tasks';
import { APPROVAL, type Arm, type ArmContext } from './arms';
import { eventTypes } from './metrics';

/**
 * The bot's eyes: while any instance waits for its task, it looks every pollMs for the open task rows of those
 * instances, in one indexed query through its own database role (so its statements are counted apart). A plain
 * pg client keeps this measuring device cheap; the queue query itself (listQueue) is measured in queue-bench.ts.
 */
export class TaskFinder {
  polls = 0;
  private readonly waiters = new Map<string, { found: (taskId: string) => void; failed: (error: unknown) => void }>();
  private polling: Promise<void> | undefined;
  private readonly client: PgClient;

  constructor(
    databaseUrl: string,
    private readonly pollMs: number,
  ) {
    this.client = new PgClient({ connectionString: databaseUrl });
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  close(): Promise<void> {
    return this.client.end();
  }

  taskOf(instanceId: string): Promise<string> {
    const found = new Promise<string>((resolve, reject) =>
      this.waiters.set(instanceId, { found: resolve, failed: reject }),
    );
    // A failed poll fails the instances waiting on it (each counted as an error), never the bench.
    this.polling ??= this.poll()
      .catch((error: unknown) => {
        for (const waiter of this.waiters.values()) waiter.failed(error);
        this.waiters.clear();
      })
      .finally(() => (this.polling = undefined));
    return found;
  }

  private async poll(): Promise<void> {
    while (this.waiters.size > 0) {
      const { rows } = await this.client.query<{ id: string; instance: string }>({
        name: 'open-tasks-of',
        text: `SELECT id, "processInstanceId" AS instance FROM "UserTask" WHERE "processInstanceId" = ANY($1::uuid[]) AND state = 'CREATED'`,
        values: [[...this.waiters.keys()]],
      });
      this.polls += 1;
      for (const row of rows) {
        this.waiters.get(row.instance)?.found(row.id);
        this.waiters.delete(row.instance);
      }
      if (this.waiters.size > 0) await new Promise((r) => setTimeout(r, this.pollMs));
    }
  }
}

/** Milliseconds (performance.now) at each step of one instance. */
export interface Sample {
  id: string;
  start: number;
  visible?: number;
  completeCall?: number;
  completed?: number;
  end: number;
}

/** One instance, start to end, as the bot sees it. */
export async function runInstance(arm: Arm, ctx: ArmContext, finder: TaskFinder, n: number): Promise<Sample> {
  const start = performance.now();
  const id = await arm.start(ctx, n);
  const sample: Partial<Sample> = {};
  if (arm.hasTask) {
    const taskId = await finder.taskOf(id);
    sample.visible = sample.completeCall = performance.now();
    await completeTask(ctx.app, ctx, { id: taskId, variables: APPROVAL });
    sample.completed = performance.now();
  }
  await ctx.app.temporal.workflow.getHandle(id).result();
  return { ...sample, id, start, end: performance.now() };
}

export interface Loop {
  samples: Sample[];
  errors: string[];
  /** Starts no new instance; resolves once the ones in flight have ended. */
  stop(): Promise<void>;
}

/** Past this many failed instances a run measures failures, not the engine: its bots stop. */
export const MAX_INSTANCE_ERRORS = 20;

/**
 * A closed loop: `concurrency` bots, each starting its next instance as soon as its last one ended. Their first
 * starts are 50 ms apart, so that they do not move in lockstep. A failed instance is counted and printed, never
 * thrown: the run goes on.
 */
export function startLoop(arm: Arm, ctx: ArmContext, finder: TaskFinder, concurrency: number): Loop {
  const samples: Sample[] = [];
  const errors: string[] = [];
  let stopping = false;
  let n = 0;
  const loop = async (_: unknown, i: number) => {
    await new Promise((r) => setTimeout(r, i * 50));
    while (!stopping) {
      try {
        samples.push(await runInstance(arm, ctx, finder, (n += 1)));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        errors.push(message);
        console.warn(`  ${arm.key}: instance failed: ${message}`);
        if (errors.length > MAX_INSTANCE_ERRORS) stopping = true;
      }
    }
  };
  const loops = Promise.all(Array.from({ length: concurrency }, loop));
  return {
    samples,
    errors,
    stop: async () => {
      stopping = true;
      await loops;
    },
  };
}

export interface QuietRun {
  id: string;
  events: number;
  bytes: number;
  eventTypes: string[];
}

/**
 * One instance driven a step at a time: its task is completed only once the workflow is idle (the history ends
 * with a completed workflow task and the markers it recorded). Under load an update can share a workflow task with an activity result, which
 * saves events by chance; here no two steps share one, so the history length is exact and comparable.
 */
export async function runQuietly(arm: Arm, ctx: ArmContext, n: number): Promise<QuietRun> {
  const id = await arm.start(ctx, n);
  const handle = ctx.app.temporal.workflow.getHandle(id);
  if (arm.hasTask) {
    let taskId: string | undefined;
    for (const deadline = Date.now() + 30_000; !taskId; await new Promise((r) => setTimeout(r, 50))) {
      if (Date.now() > deadline) throw new Error(`instance ${id} of arm ${arm.key} did not become idle at its task`);
      const row = await ctx.app.prisma.userTask.findFirst({ where: { processInstanceId: id, state: 'CREATED' } });
      const events = (await handle.fetchHistory()).events ?? [];
      // The markers of local activities are recorded after the workflow task that ran them.
      const last = events.filter((event) => !event.markerRecordedEventAttributes).at(-1);
      if (row && last?.workflowTaskCompletedEventAttributes) taskId = row.id;
    }
    await completeTask(ctx.app, ctx, { id: taskId, variables: APPROVAL });
  }
  await handle.result();
  const described = await handle.describe();
  return {
    id,
    events: described.historyLength,
    bytes: described.historySize ?? NaN,
    eventTypes: await eventTypes(ctx.app.temporal, id),
  };
}
