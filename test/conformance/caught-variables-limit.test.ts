/**
 * Conformance: the variable-size limit where a caught event's variables are merged into the instance
 * (docs/reliability.md, "The variable-size limit on every path"). Each payload is within the limit, the instance
 * it joins too, but not both: an incident at the catching element names the event and the size; once an operator
 * makes room, the variables are merged and the instance goes on.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { broadcastSignal, publishMessage } from '../../engine/correlation';
import { createLogger } from '../../platform/logger';
import type { Variables } from '../../shared/feel';
import { variablesQuery } from '../../shared/workflow-contract';
import { error, flow, message, model, signal, taskDefinition, uniqueProcessId } from '../support/bpmn';
import { elementHistory } from '../support/element-history';
import { completeTask, deploy, openIncident, resolveIncident, start } from '../support/instances';
import { startJobWorkers } from '../support/job-workers';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

jest.setTimeout(120_000);

/** Text of `kib` KiB. */
const text = (kib: number) => 'x'.repeat(kib * 1024);

const REJECTING_JOB = 'conformance-caught-limit-reject';

const review = `<bpmn:userTask id="review"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" /></bpmn:extensionElements></bpmn:userTask>`;
const verify = `<bpmn:serviceTask id="review">${taskDefinition(REJECTING_JOB)}</bpmn:serviceTask>`;

/** start → the waiting activity `review` → done, with the catching element beside it. */
const around = (processId: string, activity: string, catcher: string, roots: string) =>
  model(
    `<bpmn:startEvent id="start" />${flow('f1', 'start', 'review')}${activity}
     ${flow('f2', 'review', 'done')}<bpmn:endEvent id="done" />
     ${catcher}`,
    { processId, roots },
  );

const eventSubProcess = (id: string, interrupting: boolean, definition: string) =>
  `<bpmn:subProcess id="${id}" triggeredByEvent="true">
     <bpmn:startEvent id="${id}-start" isInterrupting="${interrupting}">${definition}</bpmn:startEvent>
     ${flow(`${id}-f`, `${id}-start`, `${id}-end`)}<bpmn:endEvent id="${id}-end" />
   </bpmn:subProcess>`;

const boundary = (id: string, interrupting: boolean, definition: string) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="review" cancelActivity="${interrupting}">${definition}</bpmn:boundaryEvent>
   ${flow(`${id}-f`, id, `${id}-end`)}<bpmn:endEvent id="${id}-end" />`;

interface Case {
  path: string;
  catcherId: string;
  xml: (processId: string, name: string) => string;
  /** Sends the payload (the job worker throws it for the error cases), true once the instance took it. */
  send?: (stack: TestStack, name: string, caseId: string, payload: Variables) => Promise<boolean>;
  named: (name: string) => string;
  /** A non-interrupting catcher leaves the review waiting. */
  reviewGoesOn?: true;
}

const messageDefinition = `<bpmn:messageEventDefinition messageRef="msg" />`;
const signalDefinition = `<bpmn:signalEventDefinition signalRef="sig" />`;
const errorDefinition = `<bpmn:errorEventDefinition errorRef="err" />`;

const publish: Case['send'] = async (stack, name, caseId, variables) =>
  (await publishMessage(engineOf(stack), { name, correlationKey: caseId, variables })).correlatedInstanceIds.length > 0;
const broadcast: Case['send'] = async (stack, name, _caseId, variables) =>
  (await broadcastSignal(engineOf(stack), { name, variables })).deliveredInstanceIds.length > 0;

const cases: Case[] = [
  {
    path: 'a message caught by an interrupting boundary event',
    catcherId: 'paid',
    xml: (processId, name) =>
      around(processId, review, boundary('paid', true, messageDefinition), message('msg', name, '=caseId')),
    send: publish,
    named: (name) => `message '${name}'`,
  },
  {
    path: 'a signal caught by a non-interrupting boundary event',
    catcherId: 'flagged',
    xml: (processId, name) =>
      around(processId, review, boundary('flagged', false, signalDefinition), signal('sig', name)),
    send: broadcast,
    named: (name) => `signal '${name}'`,
    reviewGoesOn: true,
  },
  {
    path: 'a message starting a non-interrupting event sub-process',
    catcherId: 'on-paid',
    xml: (processId, name) =>
      around(processId, review, eventSubProcess('on-paid', false, messageDefinition), message('msg', name, '=caseId')),
    send: publish,
    named: (name) => `message '${name}'`,
    reviewGoesOn: true,
  },
  {
    path: 'a signal starting an interrupting event sub-process',
    catcherId: 'on-flag',
    xml: (processId, name) =>
      around(processId, review, eventSubProcess('on-flag', true, signalDefinition), signal('sig', name)),
    send: broadcast,
    named: (name) => `signal '${name}'`,
  },
  {
    path: 'BPMN error variables caught by a boundary event',
    catcherId: 'rejected',
    xml: (processId) =>
      around(processId, verify, boundary('rejected', true, errorDefinition), error('err', 'REJECTED')),
    named: () => `BPMN error 'REJECTED'`,
  },
  {
    path: 'BPMN error variables caught by an event sub-process',
    catcherId: 'on-rejected',
    xml: (processId) =>
      around(processId, verify, eventSubProcess('on-rejected', true, errorDefinition), error('err', 'REJECTED')),
    named: () => `BPMN error 'REJECTED'`,
  },
];

function engineOf(stack: TestStack) {
  return {
    prisma: stack.prisma,
    temporal: stack.temporal,
    taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
    logger: createLogger('test', 'silent'),
  };
}

describe('the variable-size limit where caught events merge their variables', () => {
  let stack: TestStack;
  let workers: Awaited<ReturnType<typeof startJobWorkers>>;
  beforeAll(async () => {
    stack = await startTestStack();
    workers = await startJobWorkers(stack, {
      [REJECTING_JOB]: () => {
        throw ApplicationFailure.create({
          type: 'BpmnError',
          nonRetryable: true,
          message: 'rejected',
          details: [{ errorCode: 'REJECTED', variables: { receipt: text(300) } }],
        });
      },
    });
  });
  afterAll(async () => {
    await workers.stop();
    await stack.stop();
  });

  it.each(cases)('$path: over the limit together, an incident at the catcher; merged once there is room', async (c) => {
    // given an instance holding a 300 KiB document, waiting at its review
    const processId = uniqueProcessId('caught-limit');
    const name = `${processId}-event`;
    await deploy(stack, c.xml(processId, name));
    const caseId = processId;
    const { instanceId, handle } = await start(stack, processId, { caseId, doc: text(300) });

    // when a caught event carries another 300 KiB
    if (c.send) {
      const send = c.send;
      await eventually(async () => ((await send(stack, name, caseId, { receipt: text(300) })) ? true : undefined), {
        what: `the ${c.path} delivered`,
      });
    }

    // then the instance waits in an incident at the catching element, naming the event and the size
    const incident = await openIncident(stack, instanceId);
    expect(incident.elementId).toBe(c.catcherId);
    expect(incident.message).toContain(`the variables of the instance after the ${c.named(name)} take 60`);
    expect(incident.message).toMatch(/KiB, more than the limit of 512 KiB/);
    expect((await handle.query(variablesQuery)).receipt).toBeUndefined();
    const catcherRows = (await elementHistory(stack, instanceId)).filter((row) => row.elementId === c.catcherId);
    expect(catcherRows.map((row) => row.state)).toEqual(['INCIDENT']);

    // when the operator makes room and resolves it, the event's variables are merged and its path goes on
    await resolveIncident(stack, instanceId, incident.id, { doc: null });
    await eventually(async () => ((await handle.query(variablesQuery)).receipt === text(300) ? true : undefined), {
      what: 'the receipt merged',
    });
    if (c.reviewGoesOn) await completeTask(stack, instanceId, 'review');
    await handle.result();
    const rows = (await elementHistory(stack, instanceId)).filter((row) => row.elementId === c.catcherId);
    expect(rows.map((row) => row.state)).toEqual(['COMPLETED']);
  });
});
