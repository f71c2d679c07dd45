/**
 * The faults, at random moments of a window, one after another: kill -9 a worker (some of them exactly when the
 * worker starts sending an email, i.e. inside its send-email activity), kill -9 the Temporal server, kill -9
 * PostgreSQL's postmaster (an immediate stop: no checkpoint, no goodbye to clients), kill -9 an API process. Each
 * killed part comes back: workers and APIs by their supervisor, the servers after a short outage.
 */
import type { Role, RoleHandle } from '../../scripts/cluster';
import type { ChaosCluster } from './cluster';
import type { MailCounter } from './mail-counter';
import { pause } from './bots';
import { ownerOfLocalPort } from './socket-owner';

export interface FaultPlan {
  workerKills: number;
  temporalKills: number;
  postgresStops: number;
  apiKills: number;
}

export interface InjectedFault {
  kind: keyof FaultPlan;
  role: Role;
  at: string;
  /** From the kill until the part served again. */
  downMs: number;
  /** A worker killed as its send-email activity began to deliver. */
  duringEmailSend?: boolean;
}

const WORKERS: Role[] = ['worker-1', 'worker-2'];
const APIS: Role[] = ['api-1', 'api-2'];
/** How long an armed in-activity kill waits for a send before it kills a worker anyway. */
const SEND_WAIT_MS = 20_000;

/** The parts down right now, for labelling what the bots saw. */
export class FaultBoard {
  private readonly down = new Set<Role>();
  readonly injected: InjectedFault[] = [];

  active(): string[] {
    return [...this.down];
  }

  /** Marks `role` down while `run` kills it and brings it back; `since`: when it was killed, if before `run`. */
  async outage(
    kind: keyof FaultPlan,
    role: Role,
    run: () => Promise<void>,
    duringEmailSend?: boolean,
    since = Date.now(),
  ) {
    const t0 = since;
    this.down.add(role);
    try {
      await run();
    } finally {
      this.down.delete(role);
      this.injected.push({ kind, role, at: new Date(t0).toISOString(), downMs: Date.now() - t0, duringEmailSend });
    }
  }
}

/** Injects the plan's faults at random times within windowMs; resolves when the last part is back. */
export async function injectFaults(opts: {
  cluster: ChaosCluster;
  mail: MailCounter;
  plan: FaultPlan;
  windowMs: number;
  board: FaultBoard;
  stopped: () => boolean;
}): Promise<void> {
  const { cluster, plan, board } = opts;
  const kinds = (Object.keys(plan) as Array<keyof FaultPlan>).flatMap((kind) =>
    Array.from({ length: plan[kind] }, () => kind),
  );
  const times = kinds.map(() => Math.random() * opts.windowMs).sort((a, b) => a - b);
  const order = shuffle(kinds);
  const t0 = Date.now();
  let workerKillsDone = 0;
  for (const [i, kind] of order.entries()) {
    const wait = t0 + (times[i] ?? 0) - Date.now();
    if (wait > 0) await pause(wait);
    if (opts.stopped()) return;
    const roles = cluster.roles;
    if (kind === 'workerKills') {
      const duringSend = workerKillsDone++ % 2 === 0; // every other worker kill lands inside an email send
      if (duringSend) await killSendingWorker(opts);
      else {
        const worker = roles[pick(WORKERS)];
        await board.outage(kind, worker.role, () => killAndWait(worker));
      }
    } else if (kind === 'temporalKills') {
      await board.outage(kind, 'temporal', () => killFor(roles.temporal, 1_000 + Math.random() * 3_000));
    } else if (kind === 'postgresStops') {
      await board.outage(kind, 'postgres', () => killFor(roles.postgres, 2_000 + Math.random() * 4_000));
    } else {
      const api = roles[pick(APIS)];
      await board.outage(kind, api.role, () => killAndWait(api));
    }
  }
}

/** Arms the mail counter: at the next send, the worker holding that SMTP connection dies before the mail is in. */
async function killSendingWorker(opts: { cluster: ChaosCluster; mail: MailCounter; board: FaultBoard }) {
  const workers = WORKERS.map((role) => opts.cluster.roles[role]);
  const killed = new Promise<{ worker: RoleHandle; at: number } | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), SEND_WAIT_MS);
    opts.mail.onNextSendStart(async (port) => {
      clearTimeout(timer);
      const pids = workers.filter((w) => w.running).map((w) => w.pid);
      const pid = await ownerOfLocalPort(port, pids);
      const worker = workers.find((w) => w.running && w.pid === pid);
      const at = Date.now();
      await worker?.kill('SIGKILL');
      resolve(worker && { worker, at });
      return worker !== undefined;
    });
  });
  const sender = await killed;
  if (sender) {
    await opts.board.outage('workerKills', sender.worker.role, () => sender.worker.restart(), true, sender.at);
  } else {
    opts.mail.onNextSendStart(undefined);
    const anyWorker = opts.cluster.roles[pick(WORKERS)];
    await opts.board.outage('workerKills', anyWorker.role, () => killAndWait(anyWorker), false);
  }
}

/** kill -9, then wait for the part's supervisor to bring it back. */
async function killAndWait(role: RoleHandle): Promise<void> {
  await role.kill('SIGKILL');
  await role.restart();
}

/** kill -9, keep it down for a while, start it again. */
async function killFor(role: RoleHandle, downMs: number): Promise<void> {
  await role.kill('SIGKILL');
  await pause(downMs);
  await role.restart();
}

function pick<T>(items: T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

function shuffle<T>(items: T[]): T[] {
  return [...items].sort(() => Math.random() - 0.5);
}
