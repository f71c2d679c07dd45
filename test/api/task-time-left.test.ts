/**
 * The tasklist's time left: every task DTO carries the working time left until its due date (or since it, overdue),
 * counted at request time on the calendar with the administrators' declared days. Tasks are inserted directly so that
 * their due dates can be anywhere; the request runs on the real clock, so each expectation is bracketed by the working
 * time counted just before and just after the request.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { addDays, kstInstant } from '../../gov/calendar/local-date';
import {
  createBusinessCalendar,
  formatKst,
  workingTimeBetween,
  type BusinessCalendar,
  type LocalDate,
} from '../../gov/calendar';
import { startTestStack, type TestStack } from '../support/stack';
import { rowsOnlyGraph } from '../support/tasks';

interface TaskDto {
  id: string;
  dueAt: string | null;
  timeLeft: { workingMinutes: number; overdue: boolean } | null;
}

const HOUR = 60;
const WORKING_DAY = 8 * HOUR;

describe('time left on tasks, in working time', () => {
  let stack: TestStack;
  let clerk: string;
  let admin: string;
  let instanceId: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const today = (): LocalDate => formatKst(Date.now()).slice(0, 10);

  /** 18:00 of the n-th working day after today (today not counted). */
  function workingDaysAhead(calendar: BusinessCalendar, n: number): Date {
    let date = today();
    for (let counted = 0; counted < n;) {
      date = addDays(date, 1);
      if (calendar.isWorkingDay(date)) counted += 1;
    }
    return new Date(kstInstant(date, 18 * 60));
  }

  async function insertTask(dueAt: Date | null, state: 'CREATED' | 'COMPLETED' = 'CREATED'): Promise<string> {
    const id = randomUUID();
    await stack.prisma.userTask.create({
      data: {
        id,
        processInstanceId: instanceId,
        elementId: 'review',
        elementInstanceId: id,
        name: '민원 검토',
        candidateGroups: ['civil-affairs'],
        dueAt,
        state,
      },
    });
    return id;
  }

  /** GET /api/tasks/:id as clerk1, with the working time to its due date counted just before and just after. */
  async function fetchTask(id: string, dueAt: Date, calendar: BusinessCalendar = createBusinessCalendar()) {
    const before = workingTimeBetween(calendar, Date.now(), dueAt.getTime());
    const response = await api().get(`/api/tasks/${id}`).set(as(clerk)).expect(200);
    const after = workingTimeBetween(calendar, Date.now(), dueAt.getTime());
    const magnitudes = [Math.abs(before.minutes), Math.abs(after.minutes)];
    return { task: response.body as TaskDto, least: Math.min(...magnitudes), most: Math.max(...magnitudes) };
  }

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    clerk = await stack.login('clerk1');
    admin = await stack.login('admin');
    const definition = await stack.prisma.processDefinition.create({
      data: {
        bpmnProcessId: 'time-left',
        version: 1,
        xml: '<definitions />',
        graph: rowsOnlyGraph('time-left'),
        contentHash: randomUUID(),
      },
    });
    instanceId = randomUUID();
    await stack.prisma.processInstance.create({
      data: {
        id: instanceId,
        definitionId: definition.id,
        bpmnProcessId: 'time-left',
        version: 1,
        businessKey: 'TL-1',
      },
    });
  });
  afterAll(() => stack.stop());

  it('gives a task due 10 working days ahead more than 5 working days left, not overdue', async () => {
    const dueAt = workingDaysAhead(createBusinessCalendar(), 10);
    const id = await insertTask(dueAt);

    const { task, least, most } = await fetchTask(id, dueAt);

    expect(task.dueAt).toBe(dueAt.toISOString());
    expect(task.timeLeft).toEqual({ workingMinutes: expect.any(Number) as number, overdue: false });
    expect(task.timeLeft?.workingMinutes).toBeGreaterThan(5 * WORKING_DAY);
    // Ten whole working days lie ahead, plus whatever is left of today.
    expect(task.timeLeft?.workingMinutes).toBeGreaterThanOrEqual(10 * WORKING_DAY);
    expect(task.timeLeft?.workingMinutes).toBeLessThanOrEqual(11 * WORKING_DAY);
    expect(task.timeLeft?.workingMinutes).toBeGreaterThanOrEqual(least);
    expect(task.timeLeft?.workingMinutes).toBeLessThanOrEqual(most);
  });

  it('marks a task due two weeks ago overdue, with the working time since its due date', async () => {
    const dueAt = new Date(kstInstant(addDays(today(), -14), 10 * 60));
    const id = await insertTask(dueAt);

    const { task, least, most } = await fetchTask(id, dueAt);

    expect(task.timeLeft?.overdue).toBe(true);
    expect(task.timeLeft?.workingMinutes).toBeGreaterThan(WORKING_DAY);
    expect(task.timeLeft?.workingMinutes).toBeGreaterThanOrEqual(least);
    expect(task.timeLeft?.workingMinutes).toBeLessThanOrEqual(most);
  });

  it('counts on the calendar with the days an administrator declared: a declared day takes its 8 hours off the time left', async () => {
    const undeclared = createBusinessCalendar();
    const dueAt = workingDaysAhead(undeclared, 3);
    const id = await insertTask(dueAt);
    const first = await fetchTask(id, dueAt);
    const nextWorkingDay = formatKst(workingDaysAhead(undeclared, 1).getTime()).slice(0, 10);

    await api()
      .post('/api/calendar/holidays')
      .set(as(admin))
      .send({ date: nextWorkingDay, name: '임시공휴일' })
      .expect(201);
    try {
      const declared = createBusinessCalendar({ declared: [{ date: nextWorkingDay, name: '임시공휴일' }] });
      const second = await fetchTask(id, dueAt, declared);

      expect(second.task.timeLeft?.overdue).toBe(false);
      expect(second.task.timeLeft?.workingMinutes).toBeGreaterThanOrEqual(second.least);
      expect(second.task.timeLeft?.workingMinutes).toBeLessThanOrEqual(second.most);
      // The declared day's 480 minutes are gone; the clock may also have moved a minute between the two requests.
      const lost = (first.task.timeLeft?.workingMinutes ?? 0) - (second.task.timeLeft?.workingMinutes ?? 0);
      expect(lost).toBeGreaterThanOrEqual(WORKING_DAY);
      expect(lost).toBeLessThanOrEqual(WORKING_DAY + 1);
    } finally {
      await api().delete(`/api/calendar/holidays/${nextWorkingDay}`).set(as(admin)).expect(204);
    }
  });

  it('gives null without a due date, past the holiday data, and on a task no longer open', async () => {
    const none = await insertTask(null);
    const beyond = await insertTask(new Date('2031-03-03T09:00:00+09:00'));
    const completed = await insertTask(new Date(Date.now() + 3 * 86_400_000), 'COMPLETED');

    for (const id of [none, beyond, completed]) {
      const response = await api().get(`/api/tasks/${id}`).set(as(clerk)).expect(200);
      expect(response.body).toMatchObject({ id, timeLeft: null });
    }
  });

  it('puts timeLeft on every task of the queue, next to the fields clients already read', async () => {
    const dueAt = workingDaysAhead(createBusinessCalendar(), 2);
    const id = await insertTask(dueAt);

    const response = await api().get('/api/tasks').set(as(clerk)).expect(200);

    const items = (response.body as { items: Array<TaskDto & Record<string, unknown>> }).items;
    const listed = items.find((item) => item.id === id);
    expect(listed?.timeLeft).toEqual({ workingMinutes: expect.any(Number) as number, overdue: false });
    expect(Object.keys(listed ?? {}).sort()).toEqual(
      [
        'assignee',
        'businessKey',
        'candidateGroups',
        'candidateUsers',
        'classification',
        'claimedAt',
        'completedAt',
        'completedBy',
        'createdAt',
        'delegationState',
        'draftVariables',
        'dueAt',
        'elementId',
        'followUpAt',
        'form',
        'id',
        'name',
        'owner',
        'priority',
        'processId',
        'processInstanceId',
        'result',
        'state',
        'timeLeft',
        'variables',
      ].sort(),
    );
    expect(items.every((item) => 'timeLeft' in item)).toBe(true);
  });
});
