import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowFailure,
  executeChild,
  isCancellation,
  uuid4,
} from '@temporalio/workflow';
import type { Variables } from '../../shared/feel';
import { FailureType, PROCESS_WORKFLOW, type ProcessInput, type ProcessResult } from '../../shared/workflow-contract';
import { projections } from '../activities';
import { applyMappings, incident, resolveValue } from '../scope';
import type { ElementBehaviour } from './behaviour';

/**
 * Call activity: the called process runs as a child workflow (its own instance, with its own index row and
 * history). A BPMN error or escalation the child does not catch comes back here, to this activity's boundary events.
 */
export const callActivity: ElementBehaviour<'callActivity'> = {
  execute: async (element, ctx) => {
    const processId = resolveValue(element.id, element.processId, ctx.feelScope());
    if (typeof processId !== 'string' || processId === '')
      throw incident(element.id, `the called process id evaluated to ${JSON.stringify(processId)}`);
    const childInstanceId = uuid4();
    let called: Awaited<ReturnType<typeof projections.prepareCalledInstance>>;
    try {
      called = await projections.prepareCalledInstance({
        instanceId: ctx.instanceId,
        childInstanceId,
        parentInstanceId: ctx.instanceId,
        parentElementInstanceId: ctx.elementInstanceId,
        processId,
        binding: element.binding,
      });
    } catch (error) {
      if (error instanceof ActivityFailure) throw incident(element.id, error.cause?.message ?? error.message);
      throw error;
    }
    const variables: Variables = {
      ...(element.propagateAllParentVariables ? ctx.variables() : {}),
      ...applyMappings(element.id, element.inputs, ctx.feelScope()),
    };
    const input: ProcessInput = {
      instanceId: childInstanceId,
      definition: called.definition,
      graph: called.graph,
      variables,
      calendar: called.calendar,
      parent: { instanceId: ctx.instanceId, elementInstanceId: ctx.elementInstanceId },
    };
    // An escalation the child does not catch comes to this activity; an interrupting catcher ends the child.
    const child = new CancellationScope();
    let interruption: Error | undefined;
    const unsubscribe = ctx.onChildEscalation((code) => {
      ctx.escalate(code).catch((error: unknown) => {
        interruption ??= error instanceof Error ? error : new Error(String(error));
        child.cancel();
      });
    });
    let result: ProcessResult;
    try {
      result = await child.run(() =>
        executeChild<(input: ProcessInput) => Promise<ProcessResult>>(PROCESS_WORKFLOW, {
          workflowId: childInstanceId,
          args: [input],
        }),
      );
    } catch (error) {
      if (interruption) throw interruption;
      // Cancelled with this activity (a boundary event, a completion condition, the instance): not a failure.
      if (isCancellation(error)) throw error;
      const cause = error instanceof ChildWorkflowFailure ? error.cause : undefined;
      if (cause instanceof ApplicationFailure && cause.type === FailureType.BpmnError) {
        const { errorCode, variables: thrown } = (cause.details?.[0] ?? {}) as {
          errorCode?: string;
          variables?: Variables;
        };
        ctx.throwError(errorCode ?? '', thrown ?? {});
      }
      if (error instanceof ChildWorkflowFailure)
        throw incident(element.id, `the called process '${processId}' failed: ${cause?.message ?? error.message}`);
      throw error;
    } finally {
      unsubscribe();
    }
    const produced =
      element.outputs.length > 0
        ? applyMappings(element.id, element.outputs, { ...ctx.feelScope(), ...result.variables })
        : element.propagateAllChildVariables
          ? result.variables
          : {};
    ctx.setVariables(produced);
    return { flows: element.outgoing };
  },
};
