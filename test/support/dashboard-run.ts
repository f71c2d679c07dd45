/**
 * A seeded run of the demo process for the dashboard tests: four requests through clerk1's queue, with legal due
 * dates set on the review tasks so that the SLA has each case: done on time, done late, done without a due date, and
 * one still open past its due date.
 */
import request from 'supertest';
import { demoApprovalXml } from './bpmn';
import type { TestStack } from './stack';
import { eventually } from './wait';

const HOUR = 3_600_000;

export interface DemoRun {
  /** The instances, in order: approved on time, rejected late, approved without due date, open and overdue. */
  instanceIds: string[];
  openTaskId: string;
}

export async function runDemoRequests(stack: TestStack): Promise<DemoRun> {
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const [analyst, clerk] = [await stack.login('analyst1'), await stack.login('clerk1')];
  await api().post('/api/deployments').set(as(analyst)).type('application/xml').send(demoApprovalXml).expect(201);

  const plans = [
    { dueAt: new Date(Date.now() + 48 * HOUR), approved: true },
    { dueAt: new Date(Date.now() - 2 * HOUR), approved: false },
    { dueAt: null, approved: true },
    { dueAt: new Date(Date.now() - 30 * HOUR), approved: null },
  ];
  const instanceIds: string[] = [];
  let openTaskId = '';
  for (const [index, plan] of plans.entries()) {
    const started = await api()
      .post('/api/process-instances')
      .set(as(clerk))
      .send({
        processId: 'demo-approval',
        businessKey: `DASH-${index + 1}`,
        variables: { applicantEmail: `dash-${index + 1}@citizen.example.kr`, applicantName: '홍길동' },
      })
      .expect(201);
    const instanceId = (started.body as { id: string }).id;
    instanceIds.push(instanceId);
    const task = await eventually(
      async () => (await stack.prisma.userTask.findFirst({ where: { processInstanceId: instanceId } })) ?? undefined,
      { what: `the review task of request ${index + 1}` },
    );
    // The legal due date as the deadline rules would have set it.
    await stack.prisma.userTask.update({ where: { id: task.id }, data: { dueAt: plan.dueAt } });
    if (plan.approved === null) {
      openTaskId = task.id;
      continue;
    }
    await api()
      .post(`/api/tasks/${task.id}/complete`)
      .set(as(clerk))
      .send({ variables: { approved: plan.approved, comment: '검토 완료' } })
      .expect(200);
  }
  await eventually(
    async () => {
      const done = await stack.prisma.processInstance.count({
        where: { id: { in: instanceIds.slice(0, 3) }, state: 'COMPLETED' },
      });
      return done === 3 ? done : undefined;
    },
    { what: 'three requests to complete' },
  );
  return { instanceIds, openTaskId };
}
