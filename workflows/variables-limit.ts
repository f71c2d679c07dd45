import { ApplicationFailure } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import { VARIABLES_LIMIT_BYTES, variablesSize, variablesTooLarge } from '../shared/variables';
import { FailureType } from '../shared/workflow-contract';
import { incident } from './incidents';
import type { ScopeExecution } from './scope-execution';

/** Guards the size of an instance's variables: a write that would exceed the limit is an incident at the element. */
export class VariablesLimit {
  /** At least the size of the process variables as JSON. */
  private sizeBound: number;

  constructor(private readonly root: ScopeExecution) {
    this.sizeBound = variablesSize(root.variables());
  }

  /** Sets variables where they live; refuses what would exceed the size limit. */
  set(scope: ScopeExecution, elementId: string, values: Variables): void {
    // Measuring every variable at every write grows with the variables (a large case file, written at each step):
    // an upper bound (the last measured size plus what was written since) is enough until it nears the limit.
    const bound = this.sizeBound + variablesSize(values);
    const size = bound <= VARIABLES_LIMIT_BYTES ? bound : variablesSize({ ...this.root.variables(), ...values });
    if (size > VARIABLES_LIMIT_BYTES) {
      throw incident(
        elementId,
        `the variables would take ${Math.ceil(size / 1024)} KiB, more than the limit of ${VARIABLES_LIMIT_BYTES / 1024} KiB; keep large documents outside the process and store a reference`,
      );
    }
    scope.set(values);
    this.sizeBound = size;
  }

  /**
   * Merges what a caught event carried (`what`: "the message 'invoice-paid'") into the scope. Each payload is within
   * the limit when it enters; the instance it joins may not be: then an incident at the catching element.
   */
  merge(scope: ScopeExecution, elementId: string, what: string, values: Variables): void {
    const refusal = variablesTooLarge(`the instance after ${what}`, { ...this.root.variables(), ...values });
    if (refusal) throw incident(elementId, refusal);
    scope.set(values);
    this.sizeBound += variablesSize(values);
  }

  /** For an update's validator: refuses variables that would take the instance over the limit, setting nothing. */
  refuse(path: string, values: Variables | undefined): void {
    if (values === undefined) return;
    const refusal = variablesTooLarge(`the instance after ${path}`, { ...this.root.variables(), ...values });
    if (refusal) throw ApplicationFailure.create({ type: FailureType.VariablesTooLarge, message: refusal });
  }
}
