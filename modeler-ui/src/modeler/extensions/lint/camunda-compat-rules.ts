/**
 * The rules of bpmnlint-plugin-camunda-compat's `camunda-cloud-8-6` config, imported one by one so the bundler sees
 * them (bpmnlint resolves rules by name at run time; its own bundler plugins generate the same table). 8.6 is the
 * Zeebe feature level the engine runs: zeebe:priorityDefinition, version tags and bindingType versionTag, execution
 * listeners (task listeners too: lint/index.ts lets them through). test/modeler/lint-config.test.ts fails when the
 * config names a rule missing here.
 */
import type { RuleFactory } from 'bpmnlint/lib/types';

import calledElement from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/called-element';
import connectorProperties from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/connector-properties/index';
import duplicateExecutionListeners from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/duplicate-execution-listeners';
import duplicateTaskHeaders from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/duplicate-task-headers';
import elementType from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/element-type/index';
import errorReference from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/error-reference';
import escalationBoundaryEventAttachedToRef from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/escalation-boundary-event-attached-to-ref';
import escalationReference from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/escalation-reference';
import eventBasedGatewayTarget from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/event-based-gateway-target';
import executableProcess from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/executable-process';
import executionListener from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/execution-listener';
import feel from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/feel';
import feelCompatibility from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/feel-compatibility';
import implementation from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/implementation/index';
import ioMapping from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/io-mapping';
import linkEvent from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/link-event';
import loopCharacteristics from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/loop-characteristics';
import messageReference from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/message-reference';
import noBeforeAllExecutionListener from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-before-all-execution-listener';
import noBusinessId from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-business-id';
import noCancelExecutionListener from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-cancel-execution-listener';
import noExecutionListenerHeaders from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-execution-listener-headers';
import noExpression from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-expression';
import noJobPriorityDefinition from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-job-priority-definition';
import noLoop from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-loop';
import noMultipleNoneStartEvents from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-multiple-none-start-events';
import noTaskListeners from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/no-task-listeners';
import priorityDefinition from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/priority-definition';
import secrets from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/secrets';
import sequenceFlowCondition from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/sequence-flow-condition';
import signalReference from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/signal-reference';
import startEventForm from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/start-event-form';
import subscription from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/subscription';
import taskSchedule from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/task-schedule';
import timer from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/timer/index';
import userTaskDefinition from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/user-task-definition';
import userTaskForm from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/user-task-form';
import variableName from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/variable-name';
import versionTag from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/version-tag';
import waitForCompletion from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/wait-for-completion';
import zeebeUserTask from 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/zeebe-user-task';

export const camundaCompatRules: Record<string, RuleFactory> = {
  'called-element': calledElement,
  'connector-properties': connectorProperties,
  'duplicate-execution-listeners': duplicateExecutionListeners,
  'duplicate-task-headers': duplicateTaskHeaders,
  'element-type': elementType,
  'error-reference': errorReference,
  'escalation-boundary-event-attached-to-ref': escalationBoundaryEventAttachedToRef,
  'escalation-reference': escalationReference,
  'event-based-gateway-target': eventBasedGatewayTarget,
  'executable-process': executableProcess,
  'execution-listener': executionListener,
  feel: feel,
  'feel-compatibility': feelCompatibility,
  implementation: implementation,
  'io-mapping': ioMapping,
  'link-event': linkEvent,
  'loop-characteristics': loopCharacteristics,
  'message-reference': messageReference,
  'no-before-all-execution-listener': noBeforeAllExecutionListener,
  'no-business-id': noBusinessId,
  'no-cancel-execution-listener': noCancelExecutionListener,
  'no-execution-listener-headers': noExecutionListenerHeaders,
  'no-expression': noExpression,
  'no-job-priority-definition': noJobPriorityDefinition,
  'no-loop': noLoop,
  'no-multiple-none-start-events': noMultipleNoneStartEvents,
  'no-task-listeners': noTaskListeners,
  'priority-definition': priorityDefinition,
  secrets: secrets,
  'sequence-flow-condition': sequenceFlowCondition,
  'signal-reference': signalReference,
  'start-event-form': startEventForm,
  subscription: subscription,
  'task-schedule': taskSchedule,
  timer: timer,
  'user-task-definition': userTaskDefinition,
  'user-task-form': userTaskForm,
  'variable-name': variableName,
  'version-tag': versionTag,
  'wait-for-completion': waitForCompletion,
  'zeebe-user-task': zeebeUserTask,
};
