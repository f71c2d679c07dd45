/** Building blocks for the compiler tests' inline models: root elements (messages, signals, errors), tasks and a compile helper. */
import { compileBpmn } from '../../bpmn/compile';
import { AppError } from '../../shared/app-error';
import type { ProcessGraph } from '../../shared/graph';

/** Definitions with root elements (messages, signals, errors, escalations) beside one executable process. */
export function model(
  body: string,
  options: { roots?: string; processId?: string; processExtensions?: string } = {},
): string {
  const extensions = options.processExtensions
    ? `<bpmn:extensionElements>${options.processExtensions}</bpmn:extensionElements>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://bps.onnara.kr/test">
  ${options.roots ?? ''}
  <bpmn:process id="${options.processId ?? 'test-process'}" isExecutable="true">${extensions}
${body}
  </bpmn:process>
</bpmn:definitions>`;
}

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

/** start → (what `inner` names as `first` … `last`) → end: wraps a fragment into a runnable path. */
export const path = (first: string, last: string, inner: string) =>
  `<bpmn:startEvent id="start" /><bpmn:sequenceFlow id="to-${first}" sourceRef="start" targetRef="${first}" />${inner}
   <bpmn:sequenceFlow id="from-${last}" sourceRef="${last}" targetRef="end" /><bpmn:endEvent id="end" />`;

export async function compileOne(xml: string): Promise<ProcessGraph> {
  const [graph] = await compileBpmn(xml);
  if (!graph) throw new Error('expected one compiled process');
  return graph;
}

export async function rejection(xml: string): Promise<AppError> {
  const thrown = await compileBpmn(xml).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(thrown instanceof AppError)) throw new Error(`expected an AppError, got ${String(thrown)}`);
  return thrown;
}
