/**
 * A task submission is checked against the task's form before it reaches the workflow: a bad one answers
 * 400 FORM_INVALID with field errors and the task stays open; a variable the form does not name (the applicant's
 * address the engine mails to, an html body) never reaches the process; a good one completes the task.
 */
import request from 'supertest';
import { bpmn, demoApprovalXml, flow } from '../support/bpmn';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

const permitForm = {
  id: 'permit-check',
  type: 'default',
  schemaVersion: 16,
  components: [
    { id: 'opinion', key: 'opinion', type: 'textarea', label: '검토 의견', validate: { required: true } },
    { id: 'area', key: 'floorArea', type: 'number', label: '연면적', validate: { min: 1, max: 1000 } },
    {
      id: 'kind',
      key: 'kind',
      type: 'select',
      label: '용도',
      values: [
        { label: '주택', value: 'house' },
        { label: '상가', value: 'shop' },
      ],
    },
  ],
};

const permitProcess = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'review')}
   <bpmn:userTask id="review" name="Review"><bpmn:extensionElements>
     <zeebe:assignmentDefinition candidateGroups="civil-affairs" /><zeebe:formDefinition formId="permit-check" />
   </bpmn:extensionElements></bpmn:userTask>
   ${flow('f2', 'review', 'end')}<bpmn:endEvent id="end" />`,
  'permit-check-process',
);

/** A task without a form whose output mapping reads `decision` only. */
const mappedProcess = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'review')}
   <bpmn:userTask id="review" name="Review"><bpmn:extensionElements>
     <zeebe:assignmentDefinition candidateGroups="civil-affairs" />
     <zeebe:ioMapping><zeebe:output source="=decision" target="outcome" /></zeebe:ioMapping>
   </bpmn:extensionElements></bpmn:userTask>
   ${flow('f2', 'review', 'end')}<bpmn:endEvent id="end" />`,
  'mapped-review-process',
);

describe('form submissions', () => {
  let stack: TestStack;
  let clerk: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    stack = await startTestStack();
    clerk = await stack.login('clerk1');
    const analyst = await stack.login('analyst1');
    await api()
      .post('/api/deployments')
      .set(as(analyst))
      .attach('resource', Buffer.from(permitProcess), 'permit.bpmn')
      .attach('resource', Buffer.from(JSON.stringify(permitForm)), 'permit-check.form')
      .expect(201);
    await api()
      .post('/api/deployments')
      .set(as(analyst))
      .attach('resource', Buffer.from(mappedProcess), 'mapped.bpmn')
      .expect(201);
    await api().post('/api/deployments').set(as(analyst)).type('application/xml').send(demoApprovalXml).expect(201);
  });
  afterAll(() => stack.stop());

  async function startTask(processId: string) {
    const started = await api()
      .post('/api/process-instances')
      .set(as(clerk))
      .send({ processId, variables: { applicantEmail: 'citizen@example.kr' } })
      .expect(201);
    const instanceId = (started.body as { id: string }).id;
    const task = await eventually(() =>
      stack.prisma.userTask.findFirst({ where: { processInstanceId: instanceId } }).then((row) => row ?? undefined),
    );
    return { instanceId, taskId: task.id };
  }

  const complete = (taskId: string, variables: object) =>
    api().post(`/api/tasks/${taskId}/complete`).set(as(clerk)).send({ variables });

  async function instanceVariables(instanceId: string) {
    const row = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
    return { state: row.state, variables: row.variables as Record<string, unknown> };
  }

  it('refuses a bad submission with field errors and keeps the task open', async () => {
    const { instanceId, taskId } = await startTask('permit-check-process');
    const response = await complete(taskId, { floorArea: 5000, kind: 'factory' }).expect(400);
    expect(response.body).toEqual({
      code: 'FORM_INVALID',
      message: expect.stringContaining('the task stays open'),
      fields: [
        { key: 'opinion', message: 'Required.' },
        { key: 'floorArea', message: 'Must be at most 1000.' },
        { key: 'kind', message: 'Must be one of "house", "shop".' },
      ],
    });
    const task = await stack.prisma.userTask.findUniqueOrThrow({ where: { id: taskId } });
    expect(task).toMatchObject({ state: 'CREATED', completedBy: null, result: null });
    expect((await api().get(`/api/tasks/${taskId}`).set(as(clerk)).expect(200)).body).toMatchObject({
      state: 'CREATED',
    });
    expect((await instanceVariables(instanceId)).state).toBe('ACTIVE');
  });

  it('refuses variables outside the form, and they never reach the process', async () => {
    const { instanceId, taskId } = await startTask('permit-check-process');
    const response = await complete(taskId, {
      opinion: '적합',
      applicantEmail: 'attacker@example.com',
      html: '<a href="https://phish.example">click</a>',
    }).expect(400);
    expect((response.body as { fields: unknown }).fields).toEqual([
      { key: 'applicantEmail', message: 'This form has no such field; it cannot be set here.' },
      { key: 'html', message: 'This form has no such field; it cannot be set here.' },
    ]);
    await complete(taskId, { opinion: '적합', floorArea: 120, kind: 'shop' }).expect(200);
    const instance = await eventually(async () => {
      const current = await instanceVariables(instanceId);
      return current.state === 'COMPLETED' ? current : undefined;
    });
    expect(instance.variables).toEqual({
      applicantEmail: 'citizen@example.kr',
      opinion: '적합',
      floorArea: 120,
      kind: 'shop',
    });
  });

  it('lets a task without a form set only what its output mappings read', async () => {
    const { instanceId, taskId } = await startTask('mapped-review-process');
    const refused = await complete(taskId, { decision: 'ok', applicantEmail: 'attacker@example.com' }).expect(400);
    expect((refused.body as { fields: unknown }).fields).toEqual([
      { key: 'applicantEmail', message: 'This task has no such field; it accepts decision.' },
    ]);
    await complete(taskId, { decision: 'ok' }).expect(200);
    const instance = await eventually(async () => {
      const current = await instanceVariables(instanceId);
      return current.state === 'COMPLETED' ? current : undefined;
    });
    expect(instance.variables).toMatchObject({ applicantEmail: 'citizen@example.kr', outcome: 'ok' });
  });

  it("lets the decision task of the demo set only approved and comment, so the mail address stays the applicant's", async () => {
    const { instanceId, taskId } = await startTask('demo-approval');
    const refused = await complete(taskId, { approved: 'yes', applicantEmail: 'attacker@example.com' }).expect(400);
    expect((refused.body as { fields: unknown }).fields).toEqual([
      { key: 'approved', message: 'Must be true or false.' },
      { key: 'applicantEmail', message: 'This form has no such field; it cannot be set here.' },
    ]);
    await complete(taskId, { approved: false, comment: '서류 미비' }).expect(200);
    const instance = await eventually(async () => {
      const current = await instanceVariables(instanceId);
      return current.state === 'COMPLETED' ? current : undefined;
    });
    expect(instance.variables).toEqual({ applicantEmail: 'citizen@example.kr', approved: false, comment: '서류 미비' });
  });
});
