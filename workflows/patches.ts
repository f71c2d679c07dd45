/**
 * Every patch the interpreter asks about (docs/conventions.md §11), and patched() for the instances that cannot
 * need it. A patch id names one behaviour change: a new change gets a new id, listed here with its reason, and
 * test/workflows/patch-ids.test.ts refuses an id asked for in two modules or a patched() call outside this file.
 *
 * An instance started by an engine with local projections ('lean-projections') was started by code that had every
 * patch made before that one, so asking patched() would only cost its marker and the search attribute Temporal
 * keeps with it: two history events per patch and run. Such an instance says so in its input; histories recorded
 * before it ask, and replay the old way.
 */
import { patched } from '@temporalio/workflow';
import type { ProcessInput } from '../shared/workflow-contract';

/** The registry: each patch id with the change it guards, oldest first. */
export const PATCHES = {
  // Reused once: called-process and external-job waits joined this id after it shipped (docs/reliability.md).
  'element-history-before-waits': 'pending element history is written before a wait that starts no activity',
  'external-jobs-in-table': 'external jobs wait for their row in the work table rather than for a job activity',
  'lean-projections': "the engine's writes are local activities",
  'timer-cycle-catch-up': 'a cycle that missed several firings fires once for them, then keeps its schedule',
  'timer-start-catch-up': 'a timer start cycle that missed several firings starts one instance for them',
  'thrown-variables-limit': 'a signal or message thrown with variables over the size limit is an incident',
  'multi-instance-continue-as-new': 'a sequential multi-instance continues as new while an iteration waits',
  'sub-process-continue-as-new': 'an embedded sub-process continues as new while every token inside it waits',
  'caught-variables-limit': 'what a caught message, signal or BPMN error carries is merged size-checked at its catcher',
  'parallel-multi-instance-continue-as-new': 'a parallel multi-instance continues as new while every iteration waits',
} as const;

export type PatchId = keyof typeof PATCHES;

/**
 * The patches an instance started lean has: every one made before 'lean-projections'. A patch made later is not one
 * of them: instances started before it must ask for it.
 */
const PATCHES_OF_LEAN_INSTANCES: ReadonlySet<PatchId> = new Set([
  'element-history-before-waits',
  'external-jobs-in-table',
  'lean-projections',
]);

/** Set once at the start of a run, from its input (workflow module state is per run in the Temporal sandbox). */
let startedLean = false;

export function startRun(input: Pick<ProcessInput, 'startedLean'>): void {
  startedLean = input.startedLean === true;
}

export function hasPatch(patchId: PatchId): boolean {
  return (startedLean && PATCHES_OF_LEAN_INSTANCES.has(patchId)) || patched(patchId);
}
