import { compileBpmn } from '../../bpmn/compile';
import { AppError } from '../../shared/app-error';
import { bpmn, model } from '../support/bpmn';

async function issues(xml: string): Promise<Array<{ elementId: string; message: string }>> {
  const error = await compileBpmn(xml).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error.details.issues as Array<{ elementId: string; message: string }>;
}

const listeners = (...declared: string[]) =>
  `<zeebe:executionListeners>${declared.join('')}</zeebe:executionListeners>`;
const listener = (eventType: string, type: string, extra = '') =>
  `<zeebe:executionListener eventType="${eventType}" type="${type}"${extra} />`;
const extensions = (inner: string) => `<bpmn:extensionElements>${inner}</bpmn:extensionElements>`;

/** start → `node` (id n) → end. */
const around = (node: string) =>
  bpmn(`<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="n" />${node}
        <bpmn:sequenceFlow id="f2" sourceRef="n" targetRef="e" /><bpmn:endEvent id="e" />`);

describe('execution listeners (Zeebe "Execution listeners" page)', () => {
  it('compiles start and end listeners in the declared order, with FEEL types, retries and headers', async () => {
    const [graph] = await compileBpmn(
      around(
        `<bpmn:scriptTask id="n">${extensions(
          `<zeebe:script expression="=1" resultVariable="x" />${listeners(
            listener('start', 'audit-in', ' retries="5"'),
            listener('start', '=&quot;enrich-&quot; + kind'),
            `<zeebe:executionListener eventType="end" type="audit-out"><zeebe:taskHeaders><zeebe:header key="channel" value="mail" /></zeebe:taskHeaders></zeebe:executionListener>`,
          )}`,
        )}</bpmn:scriptTask>`,
      ),
    );
    expect(graph?.elements['n']?.executionListeners).toEqual([
      {
        eventType: 'start',
        jobType: { kind: 'static', value: 'audit-in' },
        retries: { kind: 'static', value: '5' },
      },
      {
        eventType: 'start',
        jobType: { kind: 'feel', source: '"enrich-" + kind' },
        retries: { kind: 'static', value: '3' },
      },
      {
        eventType: 'end',
        jobType: { kind: 'static', value: 'audit-out' },
        retries: { kind: 'static', value: '3' },
        headers: { channel: 'mail' },
      },
    ]);
  });

  it("refuses start listeners on a start event, with Zeebe's reason", async () => {
    expect(
      await issues(
        bpmn(`<bpmn:startEvent id="s">${extensions(listeners(listener('start', 'a')))}</bpmn:startEvent>
              <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e" /><bpmn:endEvent id="e" />`),
      ),
    ).toEqual([{ elementId: 's', message: "Execution listeners of type 'start' are not supported by start events" }]);
  });

  it('refuses start listeners on a boundary event and any listener on a compensation boundary', async () => {
    const found = await issues(
      bpmn(`<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
            <bpmn:serviceTask id="t">${extensions('<zeebe:taskDefinition type="work" />')}</bpmn:serviceTask>
            <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
            <bpmn:boundaryEvent id="late" attachedToRef="t">${extensions(listeners(listener('start', 'a')))}
              <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="late" targetRef="e2" /><bpmn:endEvent id="e2" />
            <bpmn:boundaryEvent id="undo" attachedToRef="t">${extensions(listeners(listener('end', 'a')))}
              <bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
            <bpmn:serviceTask id="refund" isForCompensation="true">${extensions('<zeebe:taskDefinition type="refund" />')}</bpmn:serviceTask>
            <bpmn:association id="a1" associationDirection="One" sourceRef="undo" targetRef="refund" />`),
    );
    expect(found).toEqual([
      { elementId: 'late', message: "Execution listeners of type 'start' are not supported by boundary events" },
      {
        elementId: 'undo',
        message: "Execution listeners of type 'start' and 'end' are not supported by [compensation] boundary events",
      },
    ]);
  });

  it('refuses end listeners on a gateway and on an error end event, and accepts start listeners on a gateway', async () => {
    const found = await issues(
      model(
        `<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g" />
         <bpmn:exclusiveGateway id="g">${extensions(listeners(listener('start', 'route'), listener('end', 'after')))}</bpmn:exclusiveGateway>
         <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="fail" />
         <bpmn:endEvent id="fail">${extensions(listeners(listener('end', 'a')))}<bpmn:errorEventDefinition errorRef="err" /></bpmn:endEvent>`,
        { roots: '<bpmn:error id="err" errorCode="E1" />' },
      ),
    );
    expect(found).toEqual([
      { elementId: 'g', message: "Execution listeners of type 'end' are not supported by gateway element" },
      { elementId: 'fail', message: "Execution listeners of type 'end' are not supported by [error] end events" },
    ]);
  });

  it('refuses two listeners of the same event type and job type, as Zeebe does', async () => {
    expect(
      await issues(
        around(
          `<bpmn:task id="n">${extensions(listeners(listener('start', 'a'), listener('start', 'a'), listener('end', 'a')))}</bpmn:task>`,
        ),
      ),
    ).toEqual([
      {
        elementId: 'n',
        message: "Found '2' duplicates based on eventType[start] and type[a], these combinations should be unique.",
      },
    ]);
  });

  it('compiles listeners on the process itself, start and end alike', async () => {
    const [graph] = await compileBpmn(
      model(
        `<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="e" /><bpmn:endEvent id="e" />`,
        {
          processId: 'p',
          processExtensions: listeners(listener('start', 'open'), listener('end', 'close')),
        },
      ),
    );
    expect(graph?.executionListeners?.map(({ eventType, jobType }) => [eventType, jobType])).toEqual([
      ['start', { kind: 'static', value: 'open' }],
      ['end', { kind: 'static', value: 'close' }],
    ]);
  });

  it('refuses fixed retries below 1 and a listener without a type', async () => {
    expect(
      await issues(
        around(
          `<bpmn:task id="n">${extensions(listeners(listener('start', 'a', ' retries="0"'), '<zeebe:executionListener eventType="end" />'))}</bpmn:task>`,
        ),
      ),
    ).toEqual([
      { elementId: 'n', message: "the retries of an execution listener must be a whole number of at least 1, not '0'" },
      { elementId: 'n', message: 'an execution listener needs a job type (type)' },
    ]);
  });
});

describe('user task listeners (Zeebe "User task listeners" page)', () => {
  const userTask = (listenersXml: string, camunda = true) =>
    around(
      `<bpmn:userTask id="n">${extensions(`${camunda ? '<zeebe:userTask />' : ''}<zeebe:taskListeners>${listenersXml}</zeebe:taskListeners>`)}</bpmn:userTask>`,
    );

  it("compiles creating, assigning and completing listeners, with Zeebe's older event names", async () => {
    const [graph] = await compileBpmn(
      userTask(
        '<zeebe:taskListener eventType="creating" type="c" /><zeebe:taskListener eventType="assignment" type="a" /><zeebe:taskListener eventType="complete" type="d" retries="2" />',
      ),
    );
    const task = graph?.elements['n'];
    expect(task?.type === 'userTask' && task.taskListeners?.map((l) => l.eventType)).toEqual([
      'creating',
      'assigning',
      'completing',
    ]);
  });

  it('refuses task listeners on a user task that is not a Camunda user task, as Zeebe does', async () => {
    expect(await issues(userTask('<zeebe:taskListener eventType="creating" type="c" />', false))).toEqual([
      { elementId: 'n', message: 'Task listeners are only allowed on Camunda user tasks (zeebe:userTask).' },
    ]);
  });

  it('refuses the updating and canceling events, which this engine does not run yet', async () => {
    expect(
      await issues(
        userTask(
          '<zeebe:taskListener eventType="updating" type="u" /><zeebe:taskListener eventType="canceling" type="x" />',
        ),
      ),
    ).toEqual([
      { elementId: 'n', message: expect.stringContaining("'updating' are not supported yet") },
      { elementId: 'n', message: expect.stringContaining("'canceling' are not supported yet") },
    ]);
  });
});
