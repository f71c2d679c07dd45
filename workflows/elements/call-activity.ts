import {
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowFailure,
  executeChild,
  isCancellation,
  uuid4,
} from '@temporalio/workflow';
import type { Variables } from '../../shared/feel';
import { FailureType, PROCESS_WORKFLOW, type ProcessInput, type ProcessResult } from '../../shared/workflow-contract';
import { calledInstances, projectionsAreLocal } from '../activities';
import { applyMappings, resolveValue } from '../feel-mappings';
import { activityIncident, incident } from '../incidents';
import type { ElementBehaviour } from './behaviour';

/**
 * Call activity: the called process runs as a child workflow (its own instance, with its own index row and
 * history). A BPMN error or escalation the child does not catch comes back here, to this activity's boundary events.
 */
export const callActivity: ElementBehaviour<'callActivity'> = {
  execute: async (element, ctx) => {
    const processId = resolveValue(element.id, element.processId, ctx.variables.feelScope());
    if (typeof processId !== 'string' || processId === '')
      throw incident(element.id, `the called process id evaluated to ${JSON.stringify(processId)}`);
    const childInstanceId = uuid4();
    let called: Awaited<ReturnType<typeof calledInstances.prepareCalledInstance>>;
    try {
      called = await calledInstances.prepareCalledInstance({
        instanceId: ctx.instance.id,
        childInstanceId,
        parentInstanceId: ctx.instance.id,
        parentElementInstanceId: ctx.element.instanceId,
        processId,
        binding: element.binding,
      });
    } catch (error) {
      throw activityIncident(element.id, error) ?? error;
    }
    const variables: Variables = {
      ...(element.propagateAllParentVariables ? ctx.variables.read() : {}),
      ...applyMappings(element.id, element.inputs, ctx.variables.feelScope()),
    };
    const input: ProcessInput = {
      instanceId: childInstanceId,
      definition: called.definition,
      graph: called.graph,
      variables,
      calendar: called.calendar,
      parent: { instanceId: ctx.instance.id, elementInstanceId: ctx.element.instanceId },
      // A child started by this code has every patch up to 'lean-projections'. Left out rather than false: children
      // started before the patch had no such field.
      startedLean: projectionsAreLocal() || undefined,
      limits: ctx.instance.limits,
    };
    // An escalation the child does not catch comes to this activity; an interrupting catcher ends the child.
    const child = new CancellationScope();
    let interruption: Error | undefined;
    const unsubscribe = ctx.throws.onChildEscalation((code) => {
      ctx.throws.escalate(code).catch((error: unknown) => {
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
        ctx.throws.error(errorCode ?? '', thrown ?? {});
      }
      if (error instanceof ChildWorkflowFailure)
        throw incident(element.id, `the called process '${processId}' failed: ${cause?.message ?? error.message}`);
      throw error;
    } finally {
      unsubscribe();
    }
    const produced =
      element.outputs.length > 0
        ? applyMappings(element.id, element.outputs, { ...ctx.variables.feelScope(), ...result.variables })
        : element.propagateAllChildVariables
          ? result.variables
          : {};
    ctx.variables.set(produced);
    return { flows: element.outgoing };
  },
};
