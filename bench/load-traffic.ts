/**
 * The open-loop traffic of `npm run load`: requests leave at the set rate whether or not earlier ones were answered
 * (as real users' do), so an overloaded API shows as refusals or latency, never as a politely slowed driver. The mix
 * is the clerks' day: queue lists, claims and completions of the demo approval's review task, instance starts and
 * message publications, each over HTTP with the callers' bearer tokens.
 */
import { OPERATIONS, type Operation, type Outcome, type Phase } from './load-checks';

/** A request without an answer after this long is a failure ("timeout"), not a slow success. */
const REQUEST_TIMEOUT_MS = 10_000;
/**
 * Shares of the mix. Claims and completions outnumber starts so the backlog stays level at the steady rate (some
 * claims lose a race); one with no task at hand lists the queue instead.
 */
const MIX: Record<Operation, number> = { queue: 0.34, start: 0.12, claim: 0.16, complete: 0.16, publish: 0.22 };
const TICK_MS = 20;

export interface Callers {
  /** Bearer tokens of the civil-affairs clerks, who see and work the demo approval's tasks. */
  clerks: Array<{ username: string; token: string }>;
  /** A BPR analyst's token: publishing messages is theirs. */
  analyst: string;
}

interface Answer {
  status: Outcome['status'];
  retryAfter: boolean;
  body?: unknown;
}

export class LoadTraffic {
  readonly outcomes: Outcome[] = [];
  private phase: Phase = 'warmup';
  private rate = 0;
  private rateSince = 0;
  private issuedSince = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  /** Unclaimed task ids seen in queue lists, oldest first. */
  private readonly claimable = new Set<string>();
  private readonly claimed: Array<{ id: string; token: string }> = [];
  private sequence = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly callers: Callers,
    private readonly startedAt: number,
  ) {}

  /** Milliseconds since the run started. */
  now(): number {
    return performance.now() - this.startedAt;
  }

  /** From now on, `rate` requests per second, recorded as `phase`. */
  set(phase: Phase, rate: number): void {
    this.phase = phase;
    this.rate = rate;
    this.rateSince = this.now();
    this.issuedSince = 0;
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
  }

  /** Stops issuing and waits for every request in flight (each ends by its timeout at the latest). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.all(this.inFlight);
  }

  private tick(): void {
    const due = Math.floor(((this.now() - this.rateSince) / 1000) * this.rate) - this.issuedSince;
    for (let i = 0; i < due; i += 1) {
      this.issuedSince += 1;
      const request = this.issue(pick()).finally(() => this.inFlight.delete(request));
      this.inFlight.add(request);
    }
  }

  private async issue(wanted: Operation): Promise<void> {
    const clerk = this.callers.clerks[this.sequence++ % this.callers.clerks.length]!;
    const toClaim = wanted === 'claim' ? this.takeClaimable() : undefined;
    const toComplete = wanted === 'complete' ? this.claimed.shift() : undefined;
    const op: Operation = (wanted === 'claim' && !toClaim) || (wanted === 'complete' && !toComplete) ? 'queue' : wanted;
    const phase = this.phase;
    const at = this.now();
    const answer = await this.send(op, clerk.token, { toClaim, toComplete });
    this.outcomes.push({ op, phase, at, ms: this.now() - at, status: answer.status, retryAfter: answer.retryAfter });
    if (op === 'queue' && answer.status === 200) this.noteClaimable(answer.body);
    if (op === 'claim' && answer.status === 200) this.claimed.push({ id: toClaim!, token: clerk.token });
  }

  private send(op: Operation, token: string, tasks: { toClaim?: string; toComplete?: { id: string; token: string } }) {
    const n = this.sequence;
    switch (op) {
      case 'queue':
        return this.call('GET', '/api/tasks?scope=groups&sort=created&order=asc&limit=20', token);
      case 'start':
        return this.call('POST', '/api/process-instances', token, {
          processId: 'demo-approval',
          variables: { applicantEmail: `applicant-${n}@citizen.example.kr`, applicantName: '홍길동' },
        });
      case 'claim':
        return this.call('POST', `/api/tasks/${tasks.toClaim}/claim`, token);
      case 'complete':
        return this.call('POST', `/api/tasks/${tasks.toComplete!.id}/complete`, tasks.toComplete!.token, {
          variables: { approved: true, comment: '서류 확인 완료' },
        });
      case 'publish':
        // Nobody waits for it: the publication's own cost (correlation lookup, audit row) is what is measured.
        return this.call('POST', '/api/messages', this.callers.analyst, {
          name: 'load-ping',
          correlationKey: `k-${n}`,
        });
    }
  }

  private async call(method: string, path: string, token: string, body?: object): Promise<Answer> {
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body && { 'Content-Type': 'application/json' }) },
        body: body && JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      return {
        status: response.status,
        retryAfter: response.headers.has('retry-after'),
        body: response.ok && text ? JSON.parse(text) : undefined,
      };
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      return { status: timedOut ? 'timeout' : 'network', retryAfter: false };
    }
  }

  private noteClaimable(body: unknown): void {
    const items = (body as { items?: Array<{ id: string; assignee: string | null; state: string }> }).items ?? [];
    for (const task of items) if (task.state === 'CREATED' && !task.assignee) this.claimable.add(task.id);
  }

  private takeClaimable(): string | undefined {
    const [first] = this.claimable;
    if (first) this.claimable.delete(first);
    return first;
  }
}

function pick(): Operation {
  let roll = Math.random();
  for (const op of OPERATIONS) {
    roll -= MIX[op];
    if (roll < 0) return op;
  }
  return 'queue';
}
