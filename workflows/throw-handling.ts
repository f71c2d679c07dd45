/**
 * Where BPMN errors and escalations go once thrown (their catcher, the calling process, else an incident or
 * nothing), and compensation: what the runner does for the element behaviours' `ctx.throws`.
 */
import { ApplicationFailure, getExternalWorkflowHandle } from '@temporalio/workflow';
import type { Variables } from '../shared/feel';
import type { GraphElement } from '../shared/graph';
import {
  FailureType,
  childEscalationSignal,
  type ChildEscalation,
  type ProcessInput,
} from '../shared/workflow-contract';
import { BpmnThrow, findCatcher } from './bpmn-throws';
import type { GraphIndex } from './graph-index';
import { incident } from './incidents';
import type { ScopeExecution } from './scope-execution';

/** Runs a compensation handler as an element of the scope whose activity it undoes. */
type RunHandler = (scope: ScopeExecution, handler: GraphElement) => Promise<unknown>;

export class ThrowHandling {
  /** Call activities waiting for their child, by element instance: where the child's uncaught escalations go. */
  private readonly childEscalationListeners = new Map<string, (code: string) => void>();

  constructor(
    private readonly index: GraphIndex,
    /** Set when a call activity started this instance. */
    private readonly parent: ProcessInput['parent'],
    private readonly runHandler: RunHandler,
  ) {}

  throwError(scope: ScopeExecution, elementId: string, code: string, variables: Variables = {}): never {
    const catcher = findCatcher(this.index, scope, elementId, 'error', code);
    if (catcher) throw new BpmnThrow('error', code, catcher.id, variables);
    if (this.parent) {
      // The calling process may catch it on its call activity.
      throw ApplicationFailure.create({
        type: FailureType.BpmnError,
        nonRetryable: true,
        message: `BPMN error '${code}' thrown at '${elementId}' was not caught in the called process`,
        details: [{ errorCode: code, variables }],
      });
    }
    throw incident(elementId, `the BPMN error '${code}' is not caught by any boundary event or event sub-process`);
  }

  async escalate(scope: ScopeExecution, elementId: string, code: string): Promise<void> {
    const catcher = findCatcher(this.index, scope, elementId, 'escalation', code);
    if (catcher?.interrupting) throw new BpmnThrow('escalation', code, catcher.id);
    if (catcher) return catcher.scope.startToken(catcher.id);
    // Uncaught here: the calling process may catch it on its call activity; otherwise nothing changes (BPMN 2.0 §10.5.3).
    const parent = this.parent;
    if (parent)
      await getExternalWorkflowHandle(parent.instanceId).signal(childEscalationSignal, {
        elementInstanceId: parent.elementInstanceId,
        escalationCode: code,
      });
  }

  /** Listens, for the call activity `elementInstanceId`, to the escalations its child did not catch. */
  onChildEscalation(elementInstanceId: string, listener: (code: string) => void): () => void {
    this.childEscalationListeners.set(elementInstanceId, listener);
    return () => this.childEscalationListeners.delete(elementInstanceId);
  }

  /** An escalation a called process did not catch, for the call activity waiting for it. */
  childEscalated({ elementInstanceId, escalationCode }: ChildEscalation): void {
    this.childEscalationListeners.get(elementInstanceId)?.(escalationCode);
  }

  /** A BPMN error or escalation thrown for one of this scope's event sub-processes, which catches it. */
  claimedByEventSubProcess(scope: ScopeExecution, error: unknown): BpmnThrow | undefined {
    if (!(error instanceof BpmnThrow)) return undefined;
    const mine = this.index
      .eventSubProcessesIn(scope.containerId)
      .some((eventSubProcess) => eventSubProcess.id === error.catcherId);
    return mine && scope.kind !== 'body' ? error : undefined;
  }

  /**
   * Runs the compensation handlers of completed activities, the latest first. A compensation thrown inside an
   * event sub-process compensates the scope that sub-process belongs to (the saga's "undo what was done").
   */
  async compensate(scope: ScopeExecution, activityId: string | undefined): Promise<void> {
    const target = scope.kind === 'eventSubProcess' && scope.parent ? scope.parent : scope;
    const due = target.completed
      .filter((entry) => activityId === undefined || entry.elementId === activityId)
      .reverse();
    for (const entry of due) {
      target.completed.splice(target.completed.indexOf(entry), 1);
      const handlerId = this.index.compensationBoundaryOf(entry.elementId)?.compensationHandlerId;
      if (handlerId) await this.runHandler(target, this.index.element(handlerId));
    }
  }
}
