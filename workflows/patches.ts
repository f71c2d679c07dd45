/**
 * patched() for the instances that cannot need it. An instance started by an engine with local projections
 * ('lean-projections') was started by code that had every patch up to that one, so asking patched() would only cost
 * its marker and the search attribute Temporal keeps with it: two history events per patch and run. Such an
 * instance says so in its input; histories recorded before it ask, and replay the old way.
 */
import { patched } from '@temporalio/workflow';
import type { ProcessInput } from '../shared/workflow-contract';

/**
 * The patches an instance started lean has. A patch made later is not one of them: instances started before it
 * must ask for it.
 */
export type PatchOfLeanInstances = 'external-jobs-in-table' | 'element-history-before-waits' | 'lean-projections';

/** Set once at the start of a run, from its input (workflow module state is per run in the Temporal sandbox). */
let startedLean = false;

export function startRun(input: Pick<ProcessInput, 'startedLean'>): void {
  startedLean = input.startedLean === true;
}

export function hasPatch(patchId: PatchOfLeanInstances): boolean {
  return startedLean || patched(patchId);
}
