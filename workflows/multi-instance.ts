/**
 * Multi-instance and standard loop bodies. Each body instance gets a scope of its own holding its item and
 * loopCounter (Zeebe's local variables); the activity's boundary events watch the whole body.
 */
import { CancellationScope, isCancellation } from '@temporalio/workflow';
import { collectionTooLarge, type EngineLimits } from '../shared/engine-limits';
import type { Variables } from '../shared/feel';
import type { GraphElement, MultiInstanceDefinition, StandardLoopDefinition } from '../shared/graph';
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

/**
 * What lets a sequential multi-instance continue as new mid-way: `park` hands the waiting iteration to its scope's
 * parked tokens (with the element's own parked state, and the scope of a sub-process it runs), read when a snapshot
 * is taken; `resumed` is what a previous run handed over.
 */
export interface IterationHandOver {
  park(iteration: () => ParkedIteration, state: () => unknown, inner?: ScopeExecution): void;
  unpark(): void;
  resumed?: { iteration: ParkedIteration; state: unknown };
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
  const outputs: unknown[] = resumed ? [...resumed.iteration.outputs] : items.map(() => null);
  const counts = {
    numberOfInstances: items.length,
    numberOfActiveInstances: 0,
    numberOfCompletedInstances: resumed?.iteration.index ?? 0,
  };
  let complete = false;

  const iterate = async (item: unknown, index: number): Promise<void> => {
    const carried = resumed?.iteration.index === index ? resumed : undefined;
    const local: Variables = carried ? { ...carried.iteration.local } : { loopCounter: index + 1 };
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
    counts.numberOfActiveInstances += 1;
    try {
      await runIteration(
        body,
        carried && { elementInstanceId: carried.iteration.elementInstanceId, state: carried.state },
      );
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
    await runInParallel(
      items.map((item, index) => () => iterate(item, index)),
      () => complete,
    );
  }
  if (definition.outputCollection) setVariables({ [definition.outputCollection]: outputs });
  return { flows: element.outgoing };
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
