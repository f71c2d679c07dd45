/**
 * Conformance: the engine's limits (docs/reliability.md, "Engine limits") on Temporal's time-skipping test server.
 * Each test names the rule it checks: the minimum timer cycle period, the catch-up of missed cycle firings, and
 * the multi-instance collection cap.
 */
import { deployResource } from '../../engine/deployments';
import { resolveIncident } from '../../engine/incidents';
import { startProcessInstance } from '../../engine/instances';
import { createLogger } from '../../platform/logger';
import { AppError } from '../../shared/app-error';
import type { EngineLimits } from '../../shared/engine-limits';
import type { Variables } from '../../shared/feel';
import { timerStartWorkflowId, variablesQuery, type ProcessResult } from '../../shared/workflow-contract';
import { bpmn, flow, model, signal, timer, uniqueProcessId } from '../support/bpmn';
import { countIn } from '../support/element-history';
import { recordHistory } from '../support/histories';
import { completeTask, openIncident, openTask, resolveIncident as resolveInWorkflow } from '../support/instances';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/time-skipping';
import { eventually } from '../support/wait';

jest.setTimeout(120_000);

/** A review with a non-interrupting cycle on it; each firing counts a reminder. */
const reviewWithReminders = (processId: string, cycle: string) =>
  bpmn(
    `<bpmn:startEvent id="start" />${flow('f1', 'start', 'review')}
     <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" /></bpmn:extensionElements></bpmn:userTask>
     ${flow('f2', 'review', 'done')}<bpmn:endEvent id="done" />
     <bpmn:boundaryEvent id="reminder" attachedToRef="review" cancelActivity="false">${timer('timeCycle', cycle)}</bpmn:boundaryEvent>
     ${flow('f3', 'reminder', 'remind')}
     <bpmn:scriptTask id="remind"><bpmn:extensionElements><zeebe:script expression="=reminders + 1" resultVariable="reminders" /></bpmn:extensionElements></bpmn:scriptTask>
     ${flow('f4', 'remind', 'reminded')}<bpmn:endEvent id="reminded" />`,
    processId,
  );

/** A parallel multi-instance script task over `items`, collecting doubled items. */
const doubleEach = (processId: string) =>
  bpmn(
    `<bpmn:startEvent id="start" />${flow('f1', 'start', 'double')}
     <bpmn:scriptTask id="double">
       <bpmn:extensionElements><zeebe:script expression="=item * 2" resultVariable="doubled" /></bpmn:extensionElements>
       <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements>
         <zeebe:loopCharacteristics inputCollection="=items" inputElement="item" outputCollection="results" outputElement="=doubled" />
       </bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
     </bpmn:scriptTask>
     ${flow('f2', 'double', 'done')}<bpmn:endEvent id="done" />`,
    processId,
  );

/** A script that fails (no such FEEL function) until `currency` is KRW. */
const feeInKrw = (processId: string) =>
  bpmn(
    `<bpmn:startEvent id="start" />${flow('f1', 'start', 'fee')}
     <bpmn:scriptTask id="fee"><bpmn:extensionElements><zeebe:script expression="=if currency = &#34;KRW&#34; then 1 else convert(1, currency)" resultVariable="fee" /></bpmn:extensionElements></bpmn:scriptTask>
     ${flow('f2', 'fee', 'done')}<bpmn:endEvent id="done" />`,
    processId,
  );

/** A signal thrown with the document twice over as its variables. */
const sendDossierTwice = (processId: string) =>
  model(
    `<bpmn:startEvent id="start" />${flow('f1', 'start', 'send')}
     <bpmn:intermediateThrowEvent id="send">
       <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=doc + doc" target="dossier" /></zeebe:ioMapping></bpmn:extensionElements>
       <bpmn:signalEventDefinition signalRef="sig" />
     </bpmn:intermediateThrowEvent>
     ${flow('f2', 'send', 'done')}<bpmn:endEvent id="done" />`,
    { processId, roots: signal('sig', `dossier-${processId}`) },
  );

/** Text of `kib` KiB. */
const text = (kib: number) => 'x'.repeat(kib * 1024);

/** A day at midnight UTC, long before the test runs: a cycle starting there has missed every firing since. */
const LONG_AGO = '2026-01-01T00:00:00Z';

describe('engine limits', () => {
  let stack: TimeSkippingStack;
  beforeAll(async () => {
    stack = await startTimeSkippingStack();
  });
  afterAll(() => stack.stop());

  const engine = (limits?: EngineLimits) => ({
    prisma: stack.prisma,
    temporal: stack.temporal,
    taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
    logger: createLogger('test', 'silent'),
    limits,
  });
  const deploy = (xml: string, limits?: EngineLimits) => deployResource(engine(limits), { xml });
  const startOf = async (processId: string, variables: Variables, limits?: EngineLimits) => {
    const definition = await stack.prisma.processDefinition.findFirstOrThrow({
      where: { bpmnProcessId: processId },
      orderBy: { version: 'desc' },
    });
    const instance = await startProcessInstance(engine(limits), { definition, variables });
    return stack.temporal.workflow.getHandle(instance.id);
  };
  const reminders = async (instanceId: string) =>
    (await stack.temporal.workflow.getHandle(instanceId).query(variablesQuery)).reminders;

  it('minimum cycle period: a static cycle shorter than MIN_TIMER_CYCLE_SECONDS is refused at deploy, naming the element and the period', async () => {
    const refused = deploy(reviewWithReminders(uniqueProcessId('flood'), 'R/PT0.001S'));
    await expect(refused).rejects.toThrow(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'BPMN_INVALID' });
    await expect(refused).rejects.toThrow(/reminder: .*every PT0\.001S.*minimum period of PT1M/);
    // a deployment configured with a shorter minimum takes the same cycle
    await expect(
      deploy(reviewWithReminders(uniqueProcessId('fast'), 'R/PT1S'), {
        minTimerCycleMs: 1000,
        maxMultiInstanceItems: 10,
      }),
    ).resolves.toBeDefined();
  });

  it('minimum cycle period: a FEEL cycle evaluating below the minimum is one incident at its element, and no firing', async () => {
    // given a reminder cycle the deploy cannot check, evaluating to every second
    const processId = uniqueProcessId('feel-flood');
    await deploy(reviewWithReminders(processId, '=cycle'));
    const handle = await startOf(
      processId,
      { cycle: 'R/PT1S', reminders: 0 },
      {
        minTimerCycleMs: 60_000,
        maxMultiInstanceItems: 10,
      },
    );
    // then the boundary raises an incident naming it and the period, and nothing fired
    const incident = await openIncident(stack, handle.workflowId);
    expect(incident.elementId).toBe('reminder');
    expect(incident.message).toMatch(/'R\/PT1S' is refused: .*every PT1S.*minimum period of PT1M/);
    await stack.skip('1 minute');
    expect(await stack.prisma.incident.count({ where: { processInstanceId: handle.workflowId } })).toBe(1);
    expect(await reminders(handle.workflowId)).toBe(0);
  });

  it('catch-up: a reminder cycle whose start lies in the past fires once for the missed firings, then keeps its schedule', async () => {
    // given an hourly reminder counted from a start months ago (thousands of missed firings)
    const processId = uniqueProcessId('catch-up');
    await deploy(reviewWithReminders(processId, `R/${LONG_AGO}/PT1H`));
    const handle = await startOf(processId, { reminders: 0 }, { minTimerCycleMs: 60_000, maxMultiInstanceItems: 10 });
    await openTask(stack, handle.workflowId, 'review');
    // then one reminder comes at once for all of them
    await eventually(async () => ((await reminders(handle.workflowId)) === 1 ? true : undefined), {
      what: 'one reminder',
    });
    expect(await reminders(handle.workflowId)).toBe(1);
    // and the next ones on the hour, one at a time
    await stack.skip('1 hour');
    await eventually(async () => ((await reminders(handle.workflowId)) === 2 ? true : undefined), {
      what: 'a second reminder',
    });
    await completeTask(stack, handle.workflowId, 'review');
    const { variables } = (await handle.result()) as ProcessResult;
    expect(variables.reminders).toBe(2);
    expect(await countIn(stack, handle.workflowId, 'COMPLETED')).toMatchObject({ remind: 2, review: 1 });
    await recordHistory(stack.temporal, handle.workflowId, 'conformance-cycle-catch-up');
  });

  it('catch-up: a timer start cycle whose start lies in the past starts one instance for the missed firings', async () => {
    // given a daily timer start counted from months ago, deployed now
    const processId = uniqueProcessId('daily-start');
    await deploy(
      bpmn(
        `<bpmn:startEvent id="daily">${timer('timeCycle', `R/${LONG_AGO}/P1D`)}</bpmn:startEvent>
         ${flow('f1', 'daily', 'done')}<bpmn:endEvent id="done" />`,
        processId,
      ),
    );
    const instances = () => stack.prisma.processInstance.count({ where: { bpmnProcessId: processId } });
    // then one instance starts for the missed days, not one per day
    await eventually(async () => ((await instances()) > 0 ? true : undefined), { what: 'a first instance' });
    const history = await stack.temporal.workflow.getHandle(timerStartWorkflowId(processId, 'daily')).fetchHistory();
    const started = history.events?.filter((event) => event.activityTaskScheduledEventAttributes).length;
    expect({ instances: await instances(), started }).toEqual({ instances: 1, started: 1 });
    // and the next one a day later
    await stack.skip('1 day');
    await eventually(async () => ((await instances()) === 2 ? true : undefined), { what: 'the next day’s instance' });
    await stack.temporal.workflow.getHandle(timerStartWorkflowId(processId, 'daily')).terminate('recorded');
    await recordHistory(stack.temporal, timerStartWorkflowId(processId, 'daily'), 'timer-start-catch-up');
  });

  it('multi-instance cap: a collection above MAX_MULTI_INSTANCE_ITEMS is an incident naming the element and the size; resolving with a smaller one completes', async () => {
    // given a cap of three items and a collection of five
    const processId = uniqueProcessId('mi-cap');
    await deploy(doubleEach(processId));
    const handle = await startOf(
      processId,
      { items: [1, 2, 3, 4, 5] },
      { minTimerCycleMs: 60_000, maxMultiInstanceItems: 3 },
    );
    // then the activity waits in an incident that says why, and no body instance ran
    const incident = await openIncident(stack, handle.workflowId);
    expect(incident.elementId).toBe('double');
    expect(incident.message).toContain('the inputCollection has 5 items, more than the engine');
    expect(incident.message).toContain('maximum of 3');
    expect(await countIn(stack, handle.workflowId, 'COMPLETED')).not.toHaveProperty('double');
    // when the operator fixes the variable and resolves
    await resolveInWorkflow(stack, handle.workflowId, incident.id, { items: [1, 2, 3] });
    // then the body runs for the three items and the instance completes
    const { endElementId, variables } = (await handle.result()) as ProcessResult;
    expect(endElementId).toBe('done');
    expect(variables.results).toEqual([2, 4, 6]);
    await recordHistory(stack.temporal, handle.workflowId, 'conformance-mi-cap-incident-resolved');
  });

  it('variable-size limit: an incident resolution that would take the instance over the limit is refused, and the incident stays open', async () => {
    // given an instance holding 400 KiB, in an incident
    const processId = uniqueProcessId('resolve-limit');
    await deploy(feeInKrw(processId));
    const handle = await startOf(processId, { doc: text(400), currency: 'USD' });
    const incident = await openIncident(stack, handle.workflowId);
    // when an operator resolves it adding 200 KiB (each within the limit, together over it)
    const refused = resolveIncident(engine(), {
      incident,
      variables: { currency: 'KRW', notes: text(200) },
      resolvedBy: 'admin',
    });
    // then the resolution is refused with the code, naming the path, and changes nothing
    await expect(refused).rejects.toMatchObject({
      code: 'VARIABLES_TOO_LARGE',
      message: expect.stringMatching(
        /the instance after the resolution of incident .* take 60\d KiB, more than the limit of 512 KiB/,
      ),
    });
    expect((await stack.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).state).toBe('OPEN');
    // and a resolution within the limit proceeds
    await resolveIncident(engine(), { incident, variables: { currency: 'KRW' }, resolvedBy: 'admin' });
    expect(((await handle.result()) as ProcessResult).endElementId).toBe('done');
  });

  it('variable-size limit: a signal thrown with variables over the limit is an incident at the throw event, not a publish refused on every retry', async () => {
    const processId = uniqueProcessId('throw-limit');
    await deploy(sendDossierTwice(processId));
    const handle = await startOf(processId, { doc: text(300) });
    const incident = await openIncident(stack, handle.workflowId);
    expect(incident.elementId).toBe('send');
    expect(incident.message).toMatch(
      /the variables of signal 'dossier-.*' take 60\d KiB, more than the limit of 512 KiB/,
    );
    // resolving with a smaller document throws the signal and completes
    await resolveIncident(engine(), { incident, variables: { doc: text(1) }, resolvedBy: 'admin' });
    expect(((await handle.result()) as ProcessResult).endElementId).toBe('done');
  });
});
