/** Small inline BPMN models for tests: a process body wrapped in definitions with the Zeebe namespace. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const demoApprovalXml = readFileSync(path.resolve(__dirname, '../../processes/demo-approval.bpmn'), 'utf8');

export function bpmn(body: string, processId = 'test-process'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://bps.onnara.kr/test">
  <bpmn:process id="${processId}" isExecutable="true">
${body}
  </bpmn:process>
</bpmn:definitions>`;
}

/** start → user task (group) → end, the smallest model with a wait state. */
export function oneTaskProcess(processId: string, group = 'civil-affairs'): string {
  return bpmn(
    `<bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
     <bpmn:userTask id="task" name="Check"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${group}" /></bpmn:extensionElements></bpmn:userTask>
     <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" /><bpmn:endEvent id="end" />`,
    processId,
  );
}

/** A sequence flow, for inline test models. */
export const flow = (id: string, from: string, to: string) =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;

/** A timer event definition with a date, duration or cycle (static text or `=FEEL`). */
export const timer = (kind: 'timeDuration' | 'timeCycle' | 'timeDate', value: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind}>${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;
