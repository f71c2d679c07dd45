/**
 * Notification mail on the real stack: the notifier workflow scans for due notices and the SMTP catcher receives
 * them. Assignment, reminder and escalation mails arrive exactly once (across a forced activity retry), in Korean,
 * or in English for a person who chose it; preferences and self-claims are respected; petitions get their 30-day
 * progress notice. "Exactly once" is checked after a later probe mail arrives: a scan that came after.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { startNotificationDispatcher } from '../../engine/notifications';
import { notificationDispatcherWorkflowId } from '../../shared/workflow-contract';
import type { CaughtMail } from '../../scripts/stack/smtp-catcher';
import { bpmn, flow } from '../support/bpmn';
import { mailTo } from '../support/mail';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

interface TaskModel {
  assignee?: string;
  candidateGroups?: string;
  /** The due date is the variable `dueAt` when set. */
  due?: boolean;
}

describe('notification mail', () => {
  let stack: TestStack;
  let analyst: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const addressOf = (username: string) => `${username}@onnara.local`;
  const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

  beforeAll(async () => {
    stack = await startTestStack();
    analyst = await stack.login('analyst1');
    await startNotificationDispatcher(
      { temporal: stack.temporal, taskQueue: stack.config.TEMPORAL_TASK_QUEUE },
      { intervalMs: 300, reminderWorkingDays: 1, progressNoticeDays: 30 },
    );
  });
  afterAll(async () => {
    await stack.stopWorker();
    const dispatcher = notificationDispatcherWorkflowId(stack.config.TEMPORAL_TASK_QUEUE);
    await stack.temporal.workflow.getHandle(dispatcher).terminate('the suite is over');
    await stack.stop();
  });

  /** Deploys a one-task process whose task name is unique, starts it, and returns the task's name and id. */
  async function startTask(model: TaskModel, variables: Record<string, unknown> = {}) {
    const name = `알림 ${randomBytes(4).toString('hex')}`;
    const processId = `notify-${randomBytes(4).toString('hex')}`;
    const assignment = [
      model.assignee && `assignee="${model.assignee}"`,
      model.candidateGroups && `candidateGroups="${model.candidateGroups}"`,
    ].filter(Boolean);
    const schedule = model.due ? '<zeebe:taskSchedule dueDate="=dueAt" />' : '';
    const xml = bpmn(
      `<bpmn:startEvent id="start" />${flow('f1', 'start', 'task')}
       <bpmn:userTask id="task" name="${name}"><bpmn:extensionElements>
         <zeebe:assignmentDefinition ${assignment.join(' ')} />${schedule}
       </bpmn:extensionElements></bpmn:userTask>
       ${flow('f2', 'task', 'end')}<bpmn:endEvent id="end" />`,
      processId,
    );
    await api().post('/api/deployments').set(as(analyst)).type('application/xml').send(xml).expect(201);
    const started = await api()
      .post('/api/process-instances')
      .set(as(analyst))
      .send({ processId, businessKey: `BK-${name}`, variables })
      .expect(201);
    const instanceId = (started.body as { id: string }).id;
    const task = await eventually(() =>
      stack.prisma.userTask.findFirst({ where: { processInstanceId: instanceId } }).then((row) => row ?? undefined),
    );
    return { name, taskId: task.id, instanceId };
  }

  const mailsAbout = async (username: string, text: string): Promise<CaughtMail[]> =>
    (await mailTo(addressOf(username))).filter((mail) => mail.subject.includes(text) || mail.text.includes(text));

  const arrival = (username: string, text: string) =>
    eventually(async () => (await mailsAbout(username, text))[0], { what: `a mail to ${username} about ${text}` });

  /** A mail sent by a later scan than every mail before it: what was not sent by then is not due. */
  async function laterScan(): Promise<void> {
    const probe = await startTask({ assignee: 'lead1' });
    await arrival('lead1', probe.name);
  }

  it('tells the assignee once, in Korean, even when the attempt that sent the mail fails and is retried', async () => {
    let forcedFailures = 0;
    stack.deps.afterNotificationSent = (key) => {
      if (forcedFailures === 0 && key.endsWith(':assigned:clerk3')) {
        forcedFailures += 1;
        throw new Error('forced failure after sending');
      }
    };
    try {
      const { name, taskId } = await startTask({ assignee: 'clerk3' });
      const mail = await arrival('clerk3', name);
      expect(mail.subject).toBe(`[온나라] 업무가 배정되었습니다: ${name}`);
      expect(mail.text).toContain('오민원 (Clerk Three)님, 다음 업무가 배정되었습니다.');
      expect(mail.text).toContain(`업무 번호: ${taskId}`);
      expect(mail.html).toContain(`<p>업무: ${name}</p>`);

      const dispatcher = stack.temporal.workflow.getHandle(
        notificationDispatcherWorkflowId(stack.config.TEMPORAL_TASK_QUEUE),
      );
      // Retries are not events of their own: the attempt that completed records the one before it failed.
      const retried = await eventually(async () => {
        const { events } = await dispatcher.fetchHistory();
        return (events ?? [])
          .map((event) => event.activityTaskStartedEventAttributes)
          .find((started) => started?.lastFailure?.message === 'forced failure after sending');
      });
      expect(retried?.attempt).toBe(2);
      expect(forcedFailures).toBe(1);
      await laterScan();
      expect(await mailsAbout('clerk3', name)).toHaveLength(1);
    } finally {
      delete stack.deps.afterNotificationSent;
    }
  });

  it('reminds the assignee once when the due date is within one working day, and not for a later one', async () => {
    const soon = await startTask({ assignee: 'clerk1', due: true }, { dueAt: hours(3) });
    const later = await startTask({ assignee: 'clerk1', due: true }, { dueAt: hours(24 * 30) });
    const reminder = await eventually(async () =>
      (await mailsAbout('clerk1', soon.name)).find((mail) => mail.subject.startsWith('[온나라] 처리기한이 다가옵니다')),
    );
    expect(reminder.subject).toBe(`[온나라] 처리기한이 다가옵니다: ${soon.name}`);
    expect(reminder.text).toMatch(/처리기한: \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(KST\)/);
    await laterScan();
    const aboutSoon = await mailsAbout('clerk1', soon.name);
    expect(aboutSoon.map((mail) => mail.subject).sort()).toEqual(
      [`[온나라] 업무가 배정되었습니다: ${soon.name}`, `[온나라] 처리기한이 다가옵니다: ${soon.name}`].sort(),
    );
    expect((await mailsAbout('clerk1', later.name)).map((mail) => mail.subject)).toEqual([
      `[온나라] 업무가 배정되었습니다: ${later.name}`,
    ]);
  });

  it("escalates an overdue task to its unit's head once, and past a head who is the assignee up the tree", async () => {
    const unassigned = await startTask({ candidateGroups: 'civil-affairs', due: true }, { dueAt: hours(-2) });
    const escalation = await arrival('manager1', unassigned.name);
    expect(escalation.subject).toBe(`[온나라] 처리기한이 지난 업무가 있습니다: ${unassigned.name}`);
    expect(escalation.text).toContain(
      '최과장 (Manager One)님, 민원봉사과 (Civil Affairs)의 다음 업무가 처리기한을 넘겼습니다.',
    );
    expect(escalation.text).toContain('담당자: 미배정');

    const headsOwn = await startTask({ assignee: 'manager1', due: true }, { dueAt: hours(-2) });
    const upTheTree = await eventually(async () =>
      (await mailsAbout('director1', headsOwn.name)).find((mail) => mail.subject.includes('처리기한이 지난')),
    );
    expect(upTheTree.text).toContain('담당자: manager1');

    await laterScan();
    expect(await mailsAbout('manager1', unassigned.name)).toHaveLength(1);
    expect(await mailsAbout('director1', headsOwn.name)).toHaveLength(1);
    expect(
      (await mailsAbout('manager1', headsOwn.name)).filter((mail) => mail.subject.includes('처리기한이 지난')),
    ).toEqual([]);
  });

  it('respects preferences: no mail of a kind turned off, English for a person who chose it', async () => {
    const clerk2 = await stack.login('clerk2');
    const director = await stack.login('director1');
    await api()
      .put('/api/me/notification-preferences')
      .set(as(clerk2))
      .send({ assigned: false })
      .expect(200, { language: 'ko', assigned: false, reminder: true, overdue: true });
    await api().put('/api/me/notification-preferences').set(as(director)).send({ language: 'en' }).expect(200);

    const muted = await startTask({ assignee: 'clerk2' });
    const english = await startTask({ assignee: 'director1' });
    const mail = await arrival('director1', english.name);
    expect(mail.subject).toBe(`[On-Nara] A task was assigned to you: ${english.name}`);
    expect(mail.text).toContain('강국장 (Director One), the following task was assigned to you.');
    expect(mail.text).toContain(`Process: `);
    await laterScan();
    expect(await mailsAbout('clerk2', muted.name)).toEqual([]);
  });

  it('sends no mail to a person for claiming a task themselves', async () => {
    const clerk1 = await stack.login('clerk1');
    const offered = await startTask({ candidateGroups: 'civil-affairs' });
    await api().post(`/api/tasks/${offered.taskId}/claim`).set(as(clerk1)).expect(200);
    await laterScan();
    expect(await mailsAbout('clerk1', offered.name)).toEqual([]);
  });

  it("sends a petitioner the 30-day progress notice once, in the petitioner's language", async () => {
    const petitioner = `petitioner-${randomBytes(4).toString('hex')}@citizen.example.kr`;
    const petition = await startTask({ candidateGroups: 'general-affairs' }, { petitionerEmail: petitioner });
    await stack.prisma.processInstance.update({
      where: { id: petition.instanceId },
      data: { startedAt: new Date(Date.now() - 31 * 86_400_000) },
    });
    const notice = await eventually(async () => (await mailTo(petitioner))[0], { what: 'the progress notice' });
    expect(notice.subject).toBe(`[온나라] 민원 처리 진행 상황 안내 (BK-${petition.name})`);
    expect(notice.text).toContain('30일째 처리하고 있습니다');
    await laterScan();
    expect(await mailTo(petitioner)).toHaveLength(1);
  });

  describe('GET|PUT /api/me/notification-preferences', () => {
    it('answers the defaults, changes only the fields given, and refuses unknown fields', async () => {
      const token = await stack.login('inspector1');
      await api()
        .get('/api/me/notification-preferences')
        .set(as(token))
        .expect(200, { language: 'ko', assigned: true, reminder: true, overdue: true });
      await api()
        .put('/api/me/notification-preferences')
        .set(as(token))
        .send({ reminder: false })
        .expect(200, { language: 'ko', assigned: true, reminder: false, overdue: true });
      await api()
        .put('/api/me/notification-preferences')
        .set(as(token))
        .send({ language: 'en' })
        .expect(200, { language: 'en', assigned: true, reminder: false, overdue: true });
      const refused = await api()
        .put('/api/me/notification-preferences')
        .set(as(token))
        .send({ language: 'fr', email: 'x@example.com' })
        .expect(400);
      expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      await api()
        .get('/api/me/notification-preferences')
        .set(as(token))
        .expect(200, { language: 'en', assigned: true, reminder: false, overdue: true });
      await api().get('/api/me/notification-preferences').expect(401);
    });
  });
});
