/**
 * Operator changes to a running instance: modification (modification.ts) and migration (migration.ts). Both are
 * edits of the continue-as-new snapshot: the update's validator refuses before anything is recorded, the handler
 * withdraws what the change drops, and the run then continues as new from the edited snapshot (and, for a
 * migration, on the new graph). An instance that never receives these updates runs exactly as before.
 */
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import {
  FailureType,
  migrateInstanceUpdate,
  modifyInstanceUpdate,
  type MigrateInstanceInput,
  type ModifyInstanceInput,
  type ProcessInput,
} from '../shared/workflow-contract';
import type { ParkedToken, ResumeState } from './continue-as-new';
import { applyMigration, validateMigration } from './migration';
import { applyModification, validateModification } from './modification';
import type { ProcessRunner } from './runner';

/** What a change needs to know of the instance: its graph, its waiting tokens and the arrivals at its joins. */
export interface InstanceView {
  instanceId: string;
  definition: ProcessInput['definition'];
  graph: ProcessInput['graph'];
  waiting: ParkedToken[];
  arrivals: Array<[string, Array<[string, number]>]>;
}

/** A change accepted and waiting for the hand-over: how the next run's input and snapshot differ. */
export interface PendingChange {
  input?: Pick<ProcessInput, 'definition' | 'graph'>;
  edit(state: ResumeState): ResumeState;
}

/** Refuses a change for a reason tied to an element (the API answers 422 naming it). */
export function refuse(elementId: string, message: string): never {
  throw ApplicationFailure.create({ type: FailureType.ChangeRefused, message, details: [{ elementId }] });
}

export class InstanceChanges {
  private pending: PendingChange | undefined;
  private applying = false;

  constructor(
    private readonly input: ProcessInput,
    private readonly runner: ProcessRunner,
  ) {}

  register(): void {
    setHandler(
      modifyInstanceUpdate,
      (request) => this.apply(() => applyModification(this.view(), request, this.runner)),
      {
        validator: (request: ModifyInstanceInput) => validateModification(this.quietView(), request),
      },
    );
    setHandler(migrateInstanceUpdate, (request) => this.apply(() => applyMigration(this.view(), request)), {
      validator: (request: MigrateInstanceInput) => void validateMigration(this.quietView(), request),
    });
  }

  /** A change waits for the hand-over. */
  isPending(): boolean {
    return this.pending !== undefined;
  }

  /** The input of the run this one continues as, from this run's snapshot. */
  nextInput(input: ProcessInput, snapshot: ResumeState): ProcessInput {
    const change = this.pending;
    return change ? { ...input, ...change.input, resume: change.edit(snapshot) } : { ...input, resume: snapshot };
  }

  private async apply<T>(change: () => Promise<{ pending: PendingChange; result: T }>): Promise<T> {
    this.applying = true;
    const { pending, result } = await change();
    this.pending = pending;
    this.applying = false;
    return result;
  }

  /** The instance as a change sees it, once every token waits where a snapshot can carry it (else: busy). */
  private quietView(): InstanceView {
    if (this.pending || this.applying || !this.runner.canChangeTokens()) {
      throw ApplicationFailure.create({
        type: FailureType.InstanceBusy,
        message:
          'The instance is not at rest (a sub-process, a multi-instance body, an incident or another change is under way); try again when every token waits.',
      });
    }
    return this.view();
  }

  private view(): InstanceView {
    return {
      instanceId: this.input.instanceId,
      definition: this.input.definition,
      graph: this.input.graph,
      waiting: this.runner.waitingTokens(),
      arrivals: this.runner.root.parallelArrivalsSnapshot(),
    };
  }
}
