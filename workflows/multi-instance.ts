/**
 * Multi-instance and standard loop bodies. Each body instance gets a scope of its own holding its item and
 * loopCounter (Zeebe's local variables); the activity's boundary events watch the whole body.
 */
import { CancellationScope, isCancellation } from '@temporalio/workflow';
import { collectionTooLarge, type EngineLimits } from '../shared/engine-limits';
import type { Variables } from '../shared/feel';
import type { GraphElement, MultiInstanceDefinition, StandardLoopDefinition } from '../shared/graph';
import { carriedState, waitsThroughout } from './continue-as-new';
import type { Leave } from './elements/behaviour';
import type { ScopeExecution } from './scope-execution';
import { evaluate } from './feel-mappings';
import { incident } from './incidents';

type NewBody = (local: Variables) => ScopeExecution;
/** Runs one body instance: a new one, or (after continue-as-new) the one carried over, waiting where it was. */
type RunIteration = (body: ScopeExecution, carried?: CarriedWait) => Promise<Leave>;

/** The wait of an iteration as continue-as-new carries it: its element instance and what the element parked. */
interface CarriedWait {
  elementInstanceId: string;
  state: unknown;
}

/** Where a sequential multi-instance stands while an iteration waits (a parked token's `multiInstance`). */
export interface ParkedIteration {
  /** The iteration waiting (0-based) and its element instance. */
  index: number;
  elementInstanceId: string;
  /** Its body's local variables (item, loopCounter, outputElement). */
  local: Variables;
  /** The outputs of the iterations before it. */
  outputs: unknown[];
}

/** Where a parallel multi-instance stands while every iteration still running waits (a parked token's state). */
export interface ParkedIterations {
  outputs: unknown[];
  completed: number;
  /** The waiting iterations: their element instances, local variables and what their elements parked. */
  waiting: Array<{ index: number; elementInstanceId: string; local: Variables; state: unknown }>;
}

/** A parallel iteration's wait as this run holds it. */
interface WaitingIteration {
  elementInstanceId: string;
  body: ScopeExecution;
  state: () => unknown;
  inner?: ScopeExecution;
}

/**
 * What lets a multi-instance continue as new mid-way, read when a snapshot is taken: a sequential one's `park` hands
 * the waiting iteration to its scope's parked tokens (with the element's own parked state, and the scope of a
 * sub-process it runs); a parallel one's `parkAll` parks the activity once for all its iterations. `resumed` and
 * `resumedAll` are what a previous run handed over.
 */
export interface IterationHandOver {
  park(iteration: () => ParkedIteration, state: () => unknown, inner?: ScopeExecution): void;
  /** A parallel multi-instance parks once, for all its iterations; it waits while `waits()` holds. */
  parkAll(iterations: () => ParkedIterations, waits: () => boolean): void;
  unpark(): void;
  resumed?: { iteration: ParkedIteration; state: unknown };
  resumedAll?: ParkedIterations;
}

/**
 * Runs the body once per item of the input collection, one after another or all at once. After each completion
 * the completion condition may end the body early, cancelling the instances still running. A collection larger
 * than the instance's limit is an incident at the element, raised before any body instance starts.
 */
export async function runMultiInstance(
  element: GraphElement,
  definition: MultiInstanceDefinition,
  scope: ScopeExecution,
  newBody: NewBody,
  runIteration: RunIteration,
  setVariables: (values: Variables) => void,
  limits: EngineLimits | undefined,
  handOver?: IterationHandOver,
): Promise<Leave> {
  const items = evaluate(element.id, definition.inputCollection, scope.variables());
  if (!Array.isArray(items))
    throw incident(element.id, `the inputCollection evaluated to ${JSON.stringify(items)}, not a list`);
  const tooLarge = limits && collectionTooLarge(items.length, limits);
  if (tooLarge) throw incident(element.id, tooLarge);
  const resumed = handOver?.resumed;
  const resumedAll = handOver?.resumedAll;
  const outputs: unknown[] = [...(resumed?.iteration.outputs ?? resumedAll?.outputs ?? items.map(() => null))];
  const counts = {
    numberOfInstances: items.length,
    numberOfActiveInstances: 0,
    numberOfCompletedInstances: resumed?.iteration.index ?? resumedAll?.completed ?? 0,
  };
  let complete = false;
  const waiting = new Map<number, WaitingIteration>();

  // A parallel one's iterations park together: while every one still running waits, the instance may continue as
  // new and goes on with them. Asked when an iteration first waits: a body that never waits costs no patch marker.
  let parkedAll = false;
  const parkAll = () => {
    if (parkedAll) return;
    parkedAll = true;
    handOver?.parkAll(
      () => ({
        outputs: [...outputs],
        completed: counts.numberOfCompletedInstances,
        waiting: [...waiting].map(([index, { elementInstanceId, body, state, inner }]) => ({
          index,
          elementInstanceId,
          local: body.localVariables(),
          state: carriedState(state, inner),
        })),
      }),
      () =>
        waiting.size > 0 &&
        waiting.size === items.length - counts.numberOfCompletedInstances &&
        [...waiting.values()].every(({ inner }) => inner === undefined || waitsThroughout(inner)),
    );
  };

  const iterate = async (item: unknown, index: number): Promise<void> => {
    const carried = carriedIteration(handOver, index);
    const local: Variables = carried ? { ...carried.local } : { loopCounter: index + 1 };
    if (definition.inputElement && !carried) local[definition.inputElement] = item;
    // As in Zeebe, an outputElement naming a variable makes it local to each instance, so parallel instances
    // writing it do not overwrite one another.
    const outputVariable =
      definition.outputElement && /^[A-Za-z_][\w]*$/.test(definition.outputElement.trim())
        ? definition.outputElement.trim()
        : undefined;
    if (outputVariable && !(outputVariable in local)) local[outputVariable] = null;
    const body = newBody(local);
    if (handOver && definition.sequential)
      body.carrier = {
        park: (elementInstanceId, state, inner) =>
          handOver.park(
            () => ({ index, elementInstanceId, local: body.localVariables(), outputs: [...outputs] }),
            state,
            inner,
          ),
        unpark: () => handOver.unpark(),
      };
    else if (handOver)
      body.carrier = {
        park: (elementInstanceId, state, inner) => {
          waiting.set(index, { elementInstanceId, body, state, inner });
          parkAll();
        },
        unpark: () => waiting.delete(index),
      };
    counts.numberOfActiveInstances += 1;
    try {
      await runIteration(body, carried && { elementInstanceId: carried.elementInstanceId, state: carried.state });
    } finally {
      counts.numberOfActiveInstances -= 1;
    }
    counts.numberOfCompletedInstances += 1;
    if (definition.outputElement) outputs[index] = evaluate(element.id, definition.outputElement, body.variables());
    if (
      definition.completionCondition &&
      evaluate(element.id, definition.completionCondition, { ...body.variables(), ...counts }) === true
    )
      complete = true;
  };

  if (definition.sequential) {
    for (const [index, item] of items.entries()) {
      if (complete) break;
      // A run continued mid-way goes on from the iteration that was waiting.
      if (index < (resumed?.iteration.index ?? 0)) continue;
      await iterate(item, index);
    }
  } else {
    const pending = resumedAll ? new Set(resumedAll.waiting.map(({ index }) => index)) : undefined;
    try {
      await runInParallel(
        items.flatMap((item, index) => (!pending || pending.has(index) ? [() => iterate(item, index)] : [])),
        () => complete,
      );
    } finally {
      handOver?.unpark();
    }
  }
  if (definition.outputCollection) setVariables({ [definition.outputCollection]: outputs });
  return { flows: element.outgoing };
}

/** The iteration a previous run handed over at `index`, waiting where it was. */
function carriedIteration(
  handOver: IterationHandOver | undefined,
  index: number,
): { elementInstanceId: string; local: Variables; state: unknown } | undefined {
  const sequential = handOver?.resumed;
  if (sequential?.iteration.index === index) return { ...sequential.iteration, state: sequential.state };
  return handOver?.resumedAll?.waiting.find((iteration) => iteration.index === index);
}

/**
 * Starts every iteration; when `done()` turns true after one completes, or one fails, the others are cancelled
 * (their cleanup awaited). A failure other than that cancellation is rethrown.
 */
async function runInParallel(iterations: Array<() => Promise<void>>, done: () => boolean): Promise<void> {
  const running = new CancellationScope();
  let failure: Error | undefined;
  const settled = iterations.map((iteration) =>
    running
      .run(async () => {
        await iteration();
        if (done()) running.cancel();
      })
      .catch((error: unknown) => {
        if (isCancellation(error) && (done() || failure !== undefined)) return;
        failure ??= error instanceof Error ? error : new Error(String(error));
        running.cancel();
      }),
  );
  await Promise.all(settled);
  if (failure !== undefined) throw failure;
}

/** Standard loop: repeats the body while loopCondition holds (checked before or after each run), at most loopMaximum times. */
export async function runLoop(
  element: GraphElement,
  loop: StandardLoopDefinition,
  scope: ScopeExecution,
  newBody: NewBody,
  runIteration: RunIteration,
): Promise<Leave> {
  const holds = () =>
    loop.loopCondition === undefined || evaluate(element.id, loop.loopCondition, scope.variables()) === true;
  for (let counter = 1; loop.loopMaximum === undefined || counter <= loop.loopMaximum; counter += 1) {
    if (loop.testBefore && !holds()) break;
    await runIteration(newBody({ loopCounter: counter }));
    if (!loop.testBefore && !holds()) break;
  }
  return { flows: element.outgoing };
}
