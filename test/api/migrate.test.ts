/**
 * POST /api/process-instances/:id/migrate: running instances move to a newer version of their process with a
 * mapping of element ids; an active element without a target refuses the whole migration, changing nothing.
 */
import request from 'supertest';
import { bpmn, flow, timer } from '../support/bpmn';
import { deploy, instanceInState, openTask } from '../support/instances';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';
import { recordHistory } from '../support/histories';

const PROCESS = 'migrate-permit';

const userTask = (id: string) =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition assignee="clerk1" candidateGroups="civil-affairs" /></bpmn:extensionElements></bpmn:userTask>`;
const script = (id: string, value: string) =>
  `<bpmn:scriptTask id="${id}"><bpmn:extensionElements><zeebe:script expression="=&#34;${value}&#34;" resultVariable="ranVersion" /></bpmn:extensionElements></bpmn:scriptTask>`;

/** v1: start → review → end */
const v1 = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'review')}${userTask('review')}${flow('f2', 'review', 'end')}<bpmn:endEvent id="end" />`,
  PROCESS,
);
/** v2: review renamed examine, and an extra step after it: start → examine → extra → end */
const v2 = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'examine')}${userTask('examine')}${flow('f2', 'examine', 'extra')}
   ${script('extra', 'v2')}${flow('f3', 'extra', 'end')}<bpmn:endEvent id="end" />`,
  PROCESS,
);
/** v3: v2 with a timer catch before the end. */
const v3 = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'examine')}${userTask('examine')}${flow('f2', 'examine', 'extra')}
   ${script('extra', 'v3')}${flow('f3', 'extra', 'pause')}
   <bpmn:intermediateCatchEvent id="pause">${timer('timeDuration', 'PT1H')}</bpmn:intermediateCatchEvent>
   ${flow('f4', 'pause', 'end')}<bpmn:endEvent id="end" />`,
  PROCESS,
);

describe('migrating process instances', () => {
  let stack: TestStack;
  let analyst: string;
  let clerk: string;
  const definitionIds: Record<number, string> = {};
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const migrate = (id: string, body: object, token = analyst) =>
    api().post(`/api/process-instances/${id}/migrate`).set(as(token)).send(body);

  beforeAll(async () => {
    stack = await startTestStack();
    analyst = await stack.login('analyst1');
    clerk = await stack.login('clerk1');
    await deployVersion(v1, 1);
    await deploy(
      stack,
      bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'end')}<bpmn:endEvent id="end" />`, 'migrate-other'),
    );
  });
  afterAll(() => stack.stop());

  async function deployVersion(xml: string, version: number) {
    await deploy(stack, xml);
    const definition = await stack.prisma.processDefinition.findUniqueOrThrow({
      where: { bpmnProcessId_version: { bpmnProcessId: PROCESS, version } },
    });
    definitionIds[version] = definition.id;
  }

  async function waitingOnV1() {
    const started = await api()
      .post('/api/process-instances')
      .set(as(analyst))
      .send({ processId: PROCESS, version: 1, variables: { applicant: 'hong' } })
      .expect(201);
    const instanceId = (started.body as { id: string }).id;
    const task = await openTask(stack, instanceId, 'review');
    return { instanceId, task };
  }

  function complete(instanceId: string, taskId: string) {
    return stack.temporal.workflow
      .getHandle(instanceId)
      .executeUpdate('completeTask', { args: [{ taskId, variables: {}, completedBy: 'clerk1' }] });
  }

  it('moves ten instances waiting at a task from v1 to v2 with the task renamed; each completes on v2’s path', async () => {
    const waiting = await Promise.all(Array.from({ length: 10 }, () => waitingOnV1()));
    await deployVersion(v2, 2);

    for (const { instanceId } of waiting) {
      const response = await migrate(instanceId, {
        targetDefinitionId: definitionIds[2],
        mapping: { review: 'examine' },
      }).expect(200);
      expect(response.body).toMatchObject({ id: instanceId, version: 2, definitionId: definitionIds[2] });
    }

    for (const { instanceId, task } of waiting) {
      // The same task row, now at the renamed element, with its assignee and candidates.
      const row = await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } });
      expect(row).toMatchObject({
        elementId: 'examine',
        state: 'CREATED',
        assignee: 'clerk1',
        candidateGroups: ['civil-affairs'],
      });
      await complete(instanceId, task.id);
    }

    for (const { instanceId, task } of waiting) {
      const done = await instanceInState(stack, instanceId, 'COMPLETED');
      expect(done).toMatchObject({ version: 2, definitionId: definitionIds[2], endElementId: 'end' });
      expect(done.variables).toMatchObject({ applicant: 'hong', ranVersion: 'v2' });
      expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe('COMPLETED');
      const history = await eventually(async () => {
        const rows = await stack.prisma.elementInstance.findMany({ where: { processInstanceId: instanceId } });
        return rows.some((row) => row.elementId === 'end') ? rows : undefined;
      });
      const completed = history.filter((row) => row.state === 'COMPLETED').map((row) => row.elementId);
      expect(completed).toEqual(expect.arrayContaining(['start', 'examine', 'extra', 'end']));
      expect(history.map((row) => row.elementId)).not.toContain('review');
      const trail = await stack.prisma.auditLog.findFirstOrThrow({
        where: { objectId: instanceId, action: 'instance.migrated' },
      });
      expect(trail).toMatchObject({ actor: 'analyst1', details: { summary: 'migrated v1 → v2' } });
    }
    await recordHistory(stack.temporal, waiting[0]?.instanceId ?? '', 'instance-migrated-renamed-task', 'first');
  });

  describe('refusals', () => {
    async function expectStillOnV1(instanceId: string, taskId: string) {
      expect(await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).toMatchObject({
        version: 1,
        state: 'ACTIVE',
      });
      expect(await stack.prisma.userTask.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
        elementId: 'review',
        state: 'CREATED',
      });
      expect(await stack.prisma.auditLog.count({ where: { objectId: instanceId, action: 'instance.migrated' } })).toBe(
        0,
      );
    }

    it('an active element without a target: 422 naming it, and the instance goes on on v1', async () => {
      const { instanceId, task } = await waitingOnV1();
      const response = await migrate(instanceId, { targetDefinitionId: definitionIds[2] }).expect(422);
      expect(response.body).toMatchObject({ code: 'INSTANCE_CHANGE_REFUSED', elementId: 'review' });
      expect((response.body as { message: string }).message).toContain("'review' has no target");
      await expectStillOnV1(instanceId, task.id);

      await complete(instanceId, task.id);
      const done = await instanceInState(stack, instanceId, 'COMPLETED');
      expect(done.variables).not.toHaveProperty('ranVersion');
    });

    it('a target of another kind: a user task cannot become a timer', async () => {
      await deployVersion(v3, 3);
      const { instanceId, task } = await waitingOnV1();
      const response = await migrate(instanceId, {
        targetDefinitionId: definitionIds[3],
        mapping: { review: 'pause' },
      }).expect(422);
      expect(response.body).toMatchObject({ code: 'INSTANCE_CHANGE_REFUSED', elementId: 'review' });
      await expectStillOnV1(instanceId, task.id);
    });

    it('a mapping to an element the target does not have: 422 naming it', async () => {
      const { instanceId, task } = await waitingOnV1();
      const response = await migrate(instanceId, {
        targetDefinitionId: definitionIds[2],
        mapping: { review: 'nowhere' },
      }).expect(422);
      expect(response.body).toMatchObject({ code: 'INSTANCE_CHANGE_REFUSED', elementId: 'nowhere' });
      await expectStillOnV1(instanceId, task.id);
    });

    it('to the same or an older version, or to another process: 422', async () => {
      const { instanceId, task } = await waitingOnV1();
      const other = await stack.prisma.processDefinition.findFirstOrThrow({
        where: { bpmnProcessId: 'migrate-other' },
      });
      for (const targetDefinitionId of [definitionIds[1], other.id]) {
        const response = await migrate(instanceId, { targetDefinitionId }).expect(422);
        expect(response.body).toMatchObject({ code: 'INSTANCE_CHANGE_REFUSED' });
      }
      await expectStillOnV1(instanceId, task.id);
    });

    it('an unknown definition: 404; a malformed body: 400; a caller who may not migrate: 404', async () => {
      const { instanceId, task } = await waitingOnV1();
      await migrate(instanceId, { targetDefinitionId: '00000000-0000-4000-8000-000000000000' }).expect(404);
      await migrate(instanceId, { targetDefinitionId: 'v2' }).expect(400);
      await migrate(instanceId, { targetDefinitionId: definitionIds[2], mapping: { review: 7 } }).expect(400);
      await migrate(instanceId, { targetDefinitionId: definitionIds[2], mapping: { review: 'examine' } }, clerk).expect(
        404,
      );
      await expectStillOnV1(instanceId, task.id);
    });
  });
});
