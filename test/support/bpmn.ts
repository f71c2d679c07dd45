/**
 * BPMN models for tests: the demo process and the conformance models read from their files, and small inline
 * models built from a process body and the building blocks below.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const demoApprovalXml = readFileSync(resolve(__dirname, '../../processes/demo-approval.bpmn'), 'utf8');

/** A model of the conformance suite, by its file name in test/conformance/models/. */
export function modelXml(name: string): string {
  return readFileSync(resolve(__dirname, '../conformance/models', `${name}.bpmn`), 'utf8');
}

/** A unique process id: timer-start workflow ids are global on the shared Temporal server. */
export const uniqueProcessId = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

/** Definitions with root elements (messages, signals, errors, escalations) beside one executable process. */
export function model(
  body: string,
  options: { roots?: string; processId?: string; processExtensions?: string } = {},
): string {
  const roots = options.roots ? `  ${options.roots}\n` : '';
  const extensions = options.processExtensions
    ? `<bpmn:extensionElements>${options.processExtensions}</bpmn:extensionElements>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://bps.onnara.kr/test">
${roots}  <bpmn:process id="${options.processId ?? 'test-process'}" isExecutable="true">${extensions}
${body}
  </bpmn:process>
</bpmn:definitions>`;
}

/** A process body alone in its definitions. */
export const bpmn = (body: string, processId = 'test-process') => model(body, { processId });

/** start → user task (group) → end, the smallest model with a wait state. */
export function oneTaskProcess(processId: string, group = 'civil-affairs'): string {
  return bpmn(
    `<bpmn:startEvent id="start" />${flow('f1', 'start', 'task')}
     <bpmn:userTask id="task" name="Check"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${group}" /></bpmn:extensionElements></bpmn:userTask>
     ${flow('f2', 'task', 'end')}<bpmn:endEvent id="end" />`,
    processId,
  );
}

/** A process started by a message (name), a signal (name) or both, each start going straight to the end. */
export function eventStartProcess(
  processId: string,
  starts: { message?: string; signal?: string; versionTag?: string },
): string {
  const roots = [
    starts.message ? message('msg', starts.message) : '',
    starts.signal ? signal('sig', starts.signal) : '',
  ].join('');
  const body = [
    starts.message
      ? `<bpmn:startEvent id="on-message"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:startEvent>${flow('f-message', 'on-message', 'end')}`
      : '',
    starts.signal
      ? `<bpmn:startEvent id="on-signal"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:startEvent>${flow('f-signal', 'on-signal', 'end')}`
      : '',
    '<bpmn:endEvent id="end" />',
  ].join('\n');
  const processExtensions = starts.versionTag ? `<zeebe:versionTag value="${starts.versionTag}" />` : undefined;
  return model(body, { roots, processId, processExtensions });
}

/** start → (what `inner` names as `first` … `last`) → end: wraps a fragment into a runnable path. */
export const path = (first: string, last: string, inner: string) =>
  `<bpmn:startEvent id="start" />${flow(`to-${first}`, 'start', first)}${inner}
   ${flow(`from-${last}`, last, 'end')}<bpmn:endEvent id="end" />`;

/** A sequence flow. */
export const flow = (id: string, from: string, to: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;

/** A timer event definition with a date, duration or cycle (static text or `=FEEL`). */
export const timer = (kind: 'timeDuration' | 'timeCycle' | 'timeDate', value: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind}>${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;

/** A bpmn:message, with the correlation key Zeebe keeps on it when given. */
export const message = (id: string, name: string, correlationKey?: string) =>
  correlationKey === undefined
    ? `<bpmn:message id="${id}" name="${name}" />`
    : `<bpmn:message id="${id}" name="${name}"><bpmn:extensionElements><zeebe:subscription correlationKey="${correlationKey}" /></bpmn:extensionElements></bpmn:message>`;

export const signal = (id: string, name: string) => `<bpmn:signal id="${id}" name="${name}" />`;

export const error = (id: string, errorCode?: string, name?: string) =>
  `<bpmn:error id="${id}"${errorCode ? ` errorCode="${errorCode}"` : ''}${name ? ` name="${name}"` : ''} />`;

export const escalation = (id: string, escalationCode?: string) =>
  `<bpmn:escalation id="${id}"${escalationCode ? ` escalationCode="${escalationCode}"` : ''} />`;

/** zeebe:taskDefinition of a job type, for service-like elements. */
export const taskDefinition = (type: string) =>
  `<bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements>`;

/** A FEEL or plain formal expression element, e.g. a condition. */
export const expression = (tag: string, body: string) =>
  `<bpmn:${tag} xsi:type="bpmn:tFormalExpression">${body}</bpmn:${tag}>`;
