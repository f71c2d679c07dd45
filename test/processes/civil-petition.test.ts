/**
 * The civil-petition process end to end over the HTTP API, on Temporal's time-skipping server (issue 15): receipt
 * with its number and due instant, transfer, supplementation on a stopped clock, consultation, extension, the 30-day
 * progress notice, the reminder and the escalation, and the answer through document approval with the result
 * notice. Fixed dates in 2027, ascending across the tests (the server's clock only moves forward).
 */
import request from 'supertest';
import { deployReferenceProcesses, DEMO_ANALYST, seedStartPermissions } from '../../scripts/seed';
import type { Variables } from '../../shared/feel';
import { openTask } from '../support/instances';
import { mailTo } from '../support/mail';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/time-skipping';
import { eventually } from '../support/wait';

jest.setTimeout(180_000);

const kst = (text: string) => Date.parse(`${text}+09:00`);
const REMEDIES = ['이의신청', '60일', '행정심판', '행정소송'];

describe('the civil-petition process', () => {
  let stack: TimeSkippingStack;
  const tokens: Record<string, string> = {};
  const as = (username: string) => ({ Authorization: `Bearer ${tokens[username]}` });

  beforeAll(async () => {
    stack = await startTimeSkippingStack();
    const analyst = await stack.prisma.user.findUniqueOrThrow({ where: { username: DEMO_ANALYST } });
    await deployReferenceProcesses(stack.deps, analyst);
    await seedStartPermissions(stack.prisma);
    for (const username of ['clerk1', 'clerk2', 'planner1', 'manager1', 'petitioner1', 'inspector1'])
      tokens[username] = await stack.login(username);
  });
  afterAll(() => stack.stop());

  async function file(username: string, body: Variables): Promise<string> {
    const response = await request(stack.app).post('/api/petitions').set(as(username)).send(body).expect(201);
    return (response.body as { processInstanceId: string }).processInstanceId;
  }

  /** The petition of an instance once its receipt has recorded the due instant. */
  function petitionOf(instanceId: string) {
    return eventually(
      () =>
        stack.prisma.petition
          .findUnique({ where: { processInstanceId: instanceId } })
          .then((row) => (row?.dueAt ? row : undefined)),
      { what: 'the petition row with its due instant' },
    );
  }

  async function complete(username: string, instanceId: string, elementId: string, variables: Variables) {
    const task = await openTask(stack, instanceId, elementId);
    await request(stack.app).post(`/api/tasks/${task.id}/claim`).set(as(username)).expect(200);
    return request(stack.app).post(`/api/tasks/${task.id}/complete`).set(as(username)).send({ variables });
  }

  async function completeOk(username: string, instanceId: string, elementId: string, variables: Variables) {
    const response = await complete(username, instanceId, elementId, variables);
    expect(response.status).toBe(200);
  }

  /** Whether a task at the element is open, once the instance has moved on. */
  function untilOpenTask(instanceId: string, elementId: string) {
    return openTask(stack, instanceId, elementId);
  }

  function mailWith(address: string, subject: string, receiptNumber: string) {
    return eventually(
      async () =>
        (await mailTo(address)).find((mail) => mail.subject.includes(subject) && mail.subject.includes(receiptNumber)),
      { what: `mail '${subject}' for ${receiptNumber} to ${address}` },
    );
  }

  function finished(instanceId: string) {
    return stack.temporal.workflow.getHandle(instanceId).result() as Promise<{ endElementId?: string }>;
  }

  it('registers a counter petition received after hours: receipt number, 3 working hours from Monday 09:00, then a transfer with notice', async () => {
    const email = 'transfer@example.kr';
    const instanceId = await file('clerk1', {
      typeCode: 'other-immediate',
      title: '주차장 이용 문의',
      content: '시청 주차장은 몇 시까지 이용할 수 있나요?',
      petitioner: { name: '김이송', email },
      receivedAt: '2027-01-08T19:30:00+09:00',
    });
    const petition = await petitionOf(instanceId);
    expect(petition.receiptNumber).toMatch(/^civil-affairs-\d+$/);
    // Friday 19:30 is outside working time: the count starts Monday 09:00 and 3 working hours run out at 12:00.
    expect(petition.dueAt?.toISOString()).toBe(new Date(kst('2027-01-11T12:00:00')).toISOString());
    expect(petition).toMatchObject({ state: 'RECEIVED', typeCode: 'other-immediate', filedById: null });
    const receipt = await mailWith(email, '접수 통지', petition.receiptNumber as string);
    expect(receipt.text).toContain('2027-01-11(월) 12:00');
    const review = await untilOpenTask(instanceId, 'review');
    expect(review.dueAt?.getTime()).toBe(kst('2027-01-11T12:00:00'));

    await completeOk('clerk1', instanceId, 'review', {
      action: 'transfer',
      transferAgency: '국토교통부',
      transferReason: '국가 도로 관련 사항은 국토교통부 소관입니다.',
    });
    await expect(finished(instanceId)).resolves.toMatchObject({ endElementId: 'transferred' });
    const notice = await mailWith(email, '이송 통지', petition.receiptNumber as string);
    expect(notice.text).toContain('국토교통부');
    expect(await stack.prisma.petition.findUniqueOrThrow({ where: { id: petition.id } })).toMatchObject({
      state: 'TRANSFERRED',
      transferredTo: '국토교통부',
    });
  });
});
