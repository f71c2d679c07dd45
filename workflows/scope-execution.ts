/**
 * One running scope: the process, an embedded or event sub-process instance, or one multi-instance or loop body.
 * It owns the scope's local variables, its tokens (all in one cancellation scope, so the scope can be interrupted
 * or terminated as a whole), its joins, and the log of completed activities that compensation undoes.
 */
import { CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import type { InclusiveGatewayElement } from '../shared/graph';
import { ParkedTokens, type ParkedToken } from './continue-as-new';

export type ScopeKind = 'process' | 'subProcess' | 'eventSubProcess' | 'body';

/** A completed activity that has a compensation handler, in completion order. */
export interface CompletedActivity {
  elementId: string;
  elementInstanceId: string;
}

interface InclusiveArrival {
  via?: string;
  decided?: 'continue' | 'absorbed';
}

/**
 * Where a token starts: an element, the flow it came by, (after continue-as-new) the wait it resumes, and (at an
 * element that caught a message, signal or BPMN error) the variables the event carried, merged as it enters.
 */
export interface TokenStart {
  elementId: string;
  via?: string;
  resume?: ParkedToken;
  carried?: Variables;
}

/**
 * Carries the wait of a multi-instance body over continue-as-new (multi-instance.ts): the element waiting
 * in the body parks and unparks through it, as an element of any other scope does through the scope's ParkedTokens.
 * `inner` is the scope of a sub-process the body runs (continue-as-new.ts).
 */
export interface IterationCarrier {
  park(elementInstanceId: string, state: () => unknown, inner?: ScopeExecution): void;
  unpark(): void;
}

/** How the scope's tokens are run and where they are; supplied by the runner. */
export interface TokenDriver {
  runToken(scope: ScopeExecution, start: TokenStart, token: number): Promise<void>;
  /** Can a token at `from` still reach `to` by sequence flows (or boundary events) within its scope? */
  canReach(from: string, to: string): boolean;
}

export class ScopeExecution {
  /** Where each live token is (token number → element id): inclusive joins wait for tokens that can still arrive. */
  readonly positions = new Map<number, string>();
  readonly completed: CompletedActivity[] = [];
  /** The scope's tokens waiting where continue-as-new can carry them over (a body's go through its carrier). */
  readonly parked = new ParkedTokens();
  private live = 0;
  private nextToken = 0;
  private body: CancellationScope | undefined;
  private failure: Error | undefined;
  /** Set when the scope is being ended on purpose (terminate, an interrupting event sub-process). */
  private interrupted = false;
  private readonly parallelArrivals = new Map<string, Map<string, number>>();
  private readonly inclusiveArrivals = new Map<string, InclusiveArrival[]>();
  /** Join outcomes by element instance, so an element retried after an incident does not join twice. */
  private readonly joinOutcomes = new Map<string, boolean>();
  /** Set on the body of a multi-instance whose wait can be carried over. */
  carrier: IterationCarrier | undefined;

  constructor(
    readonly kind: ScopeKind,
    private local: Variables,
    private readonly driver: TokenDriver,
    readonly parent?: ScopeExecution,
    /** The sub-process, event sub-process or multi-instance element whose instance this scope is. */
    readonly containerId?: string,
    /** That element instance's id; none for the process. */
    readonly instanceId?: string,
  ) {}

  // ── Variables (Zeebe's rules: read through every enclosing scope; write where the name lives, else at the top) ──

  variables(): Variables {
    return this.parent ? { ...this.parent.variables(), ...this.local } : { ...this.local };
  }

  localVariables(): Variables {
    return this.local;
  }

  declareLocal(values: Variables): void {
    this.local = { ...this.local, ...values };
  }

  set(values: Variables): void {
    for (const [name, value] of Object.entries(values)) this.owner(name).declareLocal({ [name]: value });
  }

  private owner(name: string): ScopeExecution {
    if (!this.parent || name in this.local) return this;
    return this.parent.has(name) ? this.parent.owner(name) : this.root();
  }

  private has(name: string): boolean {
    return name in this.local || (this.parent?.has(name) ?? false);
  }

  root(): ScopeExecution {
    return this.parent ? this.parent.root() : this;
  }

  // ── Tokens ──

  /**
   * Runs tokens from `startElementId` until none is left, or the scope fails or is interrupted. `watch`, if any,
   * runs beside the tokens (event sub-process starts) and is cancelled when the scope ends. `onFailure` may claim a
   * failure (a BPMN error an event sub-process catches) and say where to continue once the tokens are gone.
   */
  async run(
    starts: TokenStart[],
    watch: ((scope: ScopeExecution) => Promise<void>) | undefined,
    onFailure: (error: unknown) => TokenStart | undefined,
  ): Promise<void> {
    this.body = new CancellationScope();
    // Nothing to watch costs no cancellation scope and its promises (docs/benchmarks.md); a watch with nothing to
    // wait for had settled long before the tokens ended, so awaiting a settled promise keeps the ending's ticks.
    const watchers = watch && new CancellationScope();
    const watching = watchers
      ? watchers
          .run(() => watch(this))
          .catch((error: unknown) => {
            if (!isCancellation(error)) this.fail(error);
          })
      : Promise.resolve();
    try {
      for (const start of starts) this.startAt(start);
      await this.until(() => this.live === 0 || this.failure !== undefined || this.interruption !== undefined);
      if (this.failure !== undefined) {
        const failure = this.failure;
        const continueAt = onFailure(failure);
        if (continueAt === undefined) {
          await this.endAllTokens();
          throw failure;
        }
        this.interruption = continueAt;
      }
      if (this.interruption !== undefined) {
        const continueAt = this.interruption;
        await this.endAllTokens();
        // The handler runs in a fresh cancellation scope: the body's is cancelled for good.
        this.interrupted = false;
        this.body = new CancellationScope();
        this.failure = undefined;
        this.startAt(continueAt);
        await this.until(() => this.live === 0 || this.failure !== undefined);
        const failure = this.failureOf();
        if (failure) {
          await this.endAllTokens();
          throw failure;
        }
      }
    } finally {
      watchers?.cancel();
      await watching;
    }
  }

  /** An interrupting event sub-process to run once every other token of the scope has ended. */
  private interruption: TokenStart | undefined;

  interruptWith(start: TokenStart): void {
    this.interruption ??= start;
    this.notify();
  }

  /** Terminate end event: every other token of the scope ends, and the scope completes. */
  terminate(): void {
    this.interrupted = true;
    this.body?.cancel();
  }

  startToken(elementId: string, via?: string): void {
    this.startAt({ elementId, via });
  }

  startAt(start: TokenStart): void {
    const body = this.body;
    if (!body) throw new Error('a token was started in a scope that is not running');
    const token = (this.nextToken += 1);
    this.live += 1;
    body
      .run(() => this.driver.runToken(this, start, token))
      .catch((error: unknown) => {
        if (!(this.interrupted && isCancellation(error))) this.fail(error);
      })
      .finally(() => {
        this.live -= 1;
        this.positions.delete(token);
        this.notify();
      });
  }

  /** Read through a method: TypeScript would keep the narrowing of the field across the awaits above. */
  private failureOf(): Error | undefined {
    return this.failure;
  }

  private fail(error: unknown): void {
    this.failure ??= error instanceof Error ? error : new Error(String(error));
    this.notify();
  }

  /**
   * Resolves once the predicate over the scope's own state holds. Plain promises rather than Temporal's
   * condition(): the scope ends in the same microtask flush as its last token, before any update handler's
   * condition is looked at, which keeps the order of commands what it has always been (and replay working).
   */
  private until(predicate: () => boolean): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ predicate, resolve }));
  }

  private readonly waiters: Array<{ predicate: () => boolean; resolve: () => void }> = [];

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.predicate()) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  /** Cancels the remaining tokens and waits until each has cleaned up (task rows withdrawn, subscriptions closed). */
  private async endAllTokens(): Promise<void> {
    this.interrupted = true;
    this.body?.cancel();
    await this.until(() => this.live === 0);
  }

  liveTokens(): number {
    return this.live;
  }

  // ── Joins ──

  /** Tokens absorbed into parallel joins, waiting for their partners: carried over by continue-as-new. */
  parallelArrivalsSnapshot(): Array<[string, Array<[string, number]>]> {
    return [...this.parallelArrivals.entries()].map(([elementId, arrivals]) => [elementId, [...arrivals.entries()]]);
  }

  restoreParallelArrivals(snapshot: Array<[string, Array<[string, number]>]>): void {
    for (const [elementId, arrivals] of snapshot) this.parallelArrivals.set(elementId, new Map(arrivals));
  }

  /** Parallel join: true when every incoming flow has delivered a token (those are consumed and one goes on). */
  joinParallel(elementId: string, elementInstanceId: string, incoming: string[], via: string | undefined): boolean {
    const known = this.joinOutcomes.get(elementInstanceId);
    if (known !== undefined) return known;
    const waiting = this.parallelArrivals.get(elementId) ?? new Map<string, number>();
    this.parallelArrivals.set(elementId, waiting);
    if (via !== undefined) waiting.set(via, (waiting.get(via) ?? 0) + 1);
    const ready = incoming.every((flowId) => (waiting.get(flowId) ?? 0) > 0);
    if (ready) for (const flowId of incoming) waiting.set(flowId, (waiting.get(flowId) ?? 0) - 1);
    this.joinOutcomes.set(elementInstanceId, ready);
    return ready;
  }

  /**
   * Inclusive join: waits until no other token of the scope can still reach the gateway; then one token per
   * incoming flow that delivered one is consumed, and one of them goes on (true); the others end here (false).
   */
  async joinInclusive(
    gateway: InclusiveGatewayElement,
    elementInstanceId: string,
    via: string | undefined,
  ): Promise<boolean> {
    const known = this.joinOutcomes.get(elementInstanceId);
    if (known !== undefined) return known;
    const arrivals = this.inclusiveArrivals.get(gateway.id) ?? [];
    this.inclusiveArrivals.set(gateway.id, arrivals);
    const arrival: InclusiveArrival = { via };
    arrivals.push(arrival);
    while (arrival.decided === undefined) {
      await condition(() => arrival.decided !== undefined || this.noTokenCanStillArrive(gateway.id));
      if (arrival.decided === undefined) this.fireInclusive(arrivals, arrival);
    }
    const outcome = arrival.decided === 'continue';
    this.joinOutcomes.set(elementInstanceId, outcome);
    return outcome;
  }

  private noTokenCanStillArrive(gatewayId: string): boolean {
    for (const position of this.positions.values()) {
      if (position !== gatewayId && this.driver.canReach(position, gatewayId)) return false;
    }
    return true;
  }

  private fireInclusive(arrivals: InclusiveArrival[], waker: InclusiveArrival): void {
    const taken = new Map<string | undefined, InclusiveArrival>();
    for (const arrival of arrivals) if (!taken.has(arrival.via)) taken.set(arrival.via, arrival);
    const consumed = [...taken.values()];
    const continuing = consumed.includes(waker) ? waker : consumed[0];
    for (const arrival of consumed) {
      arrival.decided = arrival === continuing ? 'continue' : 'absorbed';
      arrivals.splice(arrivals.indexOf(arrival), 1);
    }
  }
}
