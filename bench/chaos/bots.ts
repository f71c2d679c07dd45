/**
 * The bots: API clients that start demo-approval instances and work the civil-affairs queue (list, claim, complete
 * with a decision) until told to stop, retrying whatever a fault interrupted the way a person would. Every answer
 * that is not a 2xx goes to the ledger with the faults in force at the time.
 */
import { decisionFor, type Ledger } from './ledger';

const PROCESS_ID = 'demo-approval';
const CLERKS = ['clerk1', 'clerk3']; // both in civil-affairs, the review task's candidate group
const REQUEST_TIMEOUT_MS = 15_000;
/** A Node stack frame, or a driver's words, in a body: an internal detail that must never reach a caller. */
const INTERNALS = /\n\s+at .+:\d+:\d+|prisma|ECONNREFUSED|PrismaClient|invocation/i;

interface Answer {
  status: number;
  body: unknown;
}

export class ApiClient {
  private next = 0;

  constructor(
    private readonly urls: string[],
    private readonly ledger: Ledger,
    private readonly faultsInForce: () => string[],
  ) {}

  /** One request to the next API in turn; never throws (no answer is status 0). */
  async call(method: string, path: string, token?: string, body?: unknown, headers?: Headers): Promise<Answer> {
    const url = this.urls[this.next++ % this.urls.length];
    let answer: Answer;
    let text = '';
    try {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token && { authorization: `Bearer ${token}` }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      text = await res.text();
      answer = { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    } catch {
      answer = { status: 0, body: undefined };
    }
    if (answer.status < 200 || answer.status > 299) {
      this.ledger.refused.push({
        at: new Date().toISOString(),
        method,
        path: path.replace(/[0-9a-f-]{36}/g, ':id'),
        status: answer.status,
        code: (answer.body as { code?: string } | undefined)?.code,
        leaksInternals: INTERNALS.test(text),
        faults: this.faultsInForce(),
      });
    }
    return answer;
  }

  /** Repeats a request while the API cannot answer it (no answer, 5xx), until it answers or `until` passes. */
  async persist(
    method: string,
    path: string,
    token: string | undefined,
    body: unknown,
    until: number,
    headers?: Headers,
  ) {
    for (;;) {
      const answer = await this.call(method, path, token, body, headers);
      if ((answer.status !== 0 && answer.status < 500) || Date.now() > until) return answer;
      await pause(300 + Math.random() * 700);
    }
  }
}

type Headers = Record<string, string>;

interface Clerk {
  username: string;
  token: string;
}

export interface BotOptions {
  api: ApiClient;
  ledger: Ledger;
  password: string;
  instances: number;
  /** Instance n starts no earlier than n × this after the bots begin: a steady load across the fault window. */
  paceMs: number;
  starters: number;
  workers: number;
  /** Bots give up at this time (ms since epoch). */
  deadline: number;
  /** Set once every instance has ended: the workers stop. */
  finished: () => boolean;
}

export async function runBots(opts: BotOptions): Promise<void> {
  const clerks = await Promise.all(CLERKS.map(async (username) => ({ username, token: await logIn(opts, username) })));
  let started = 0;
  const t0 = Date.now();
  const starter = async ({ token }: Clerk) => {
    for (let n = started++; n < opts.instances && Date.now() < opts.deadline; n = started++) {
      await pause(t0 + n * opts.paceMs - Date.now());
      await startOne(opts, token, n);
    }
  };
  const worker = async (clerk: Clerk) => {
    while (!opts.finished() && Date.now() < opts.deadline) {
      if ((await workQueueOnce(opts, clerk)) === 0) await pause(500);
    }
  };
  await Promise.all([
    ...Array.from({ length: opts.starters }, (_, i) => starter(clerks[i % clerks.length] as Clerk)),
    ...Array.from({ length: opts.workers }, (_, i) => worker(clerks[i % clerks.length] as Clerk)),
  ]);
}

async function logIn(opts: BotOptions, username: string): Promise<string> {
  const answer = await opts.api.persist(
    'POST',
    '/api/auth/login',
    undefined,
    { username, password: opts.password },
    opts.deadline,
  );
  const token = (answer.body as { token?: string } | undefined)?.token;
  if (!token) throw new Error(`the bot could not log in as ${username}: HTTP ${answer.status}`);
  return token;
}

async function startOne(opts: BotOptions, token: string, n: number): Promise<void> {
  const applicantEmail = `chaos-${n}@citizen.example.kr`;
  const answer = await opts.api.persist(
    'POST',
    '/api/process-instances',
    token,
    { processId: PROCESS_ID, variables: { applicantEmail } },
    opts.deadline,
    // A start retried after a lost answer must not start a second instance.
    { 'idempotency-key': `chaos-start-${n}` },
  );
  const id = (answer.body as { id?: string } | undefined)?.id;
  if (answer.status === 201 && id) opts.ledger.started(id, applicantEmail);
}

/** One pass over the queue; returns how many tasks it completed. */
async function workQueueOnce(opts: BotOptions, { username, token }: Clerk): Promise<number> {
  const list = await opts.api.call('GET', `/api/tasks?processId=${PROCESS_ID}&limit=50`, token);
  const items = (list.body as { items?: Array<{ id: string; processInstanceId: string; assignee: string | null }> })
    ?.items;
  if (list.status !== 200 || !items) return 0;
  let completed = 0;
  for (const task of shuffled(items)) {
    if (opts.finished() || Date.now() > opts.deadline) break;
    if (task.assignee && task.assignee !== username) continue; // another bot's claim
    if (!task.assignee) {
      const claim = await opts.api.persist('POST', `/api/tasks/${task.id}/claim`, token, {}, opts.deadline);
      if (claim.status !== 200) continue; // another bot took it
    }
    const approved = decisionFor(task.processInstanceId);
    const done = await opts.api.persist(
      'POST',
      `/api/tasks/${task.id}/complete`,
      token,
      { variables: { approved } },
      opts.deadline,
    );
    if (done.status === 200) {
      opts.ledger.completed(task.id, task.processInstanceId, approved);
      completed += 1;
    }
  }
  return completed;
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
