/**
 * The procurement e-bid end to end over the HTTP API on the time-skipping server (processes/procurement-bidding):
 * the announcement period to the day, sealed bids that nobody reads before the opening, the opening at the announced
 * instant, the reference price from the picks, 적격심사 in price order, award, contract or forfeit, 유찰 twice and the
 * single-source contract, and an objection answered. Dates in 2027, ascending across the tests (the server's clock
 * only moves forward).
 */
import { createHash } from 'node:crypto';
import request from 'supertest';
import { deployReferenceProcesses, DEMO_ANALYST, seedStartPermissions } from '../../scripts/seed';
import { mailTo } from '../support/mail';
import { startTimeSkippingStack, type TimeSkippingStack } from '../support/time-skipping';
import { eventually, eventuallyFound } from '../support/wait';

jest.setTimeout(180_000);

const kst = (text: string) => Date.parse(`${text}+09:00`);

interface BidView {
  id: string;
  bidder: string;
  sealed: boolean;
  price: number | null;
  bond: number | null;
  picks: number[] | null;
  nonce: string | null;
  commitment: string;
  state: string;
  rank: number | null;
}

interface BiddingView {
  id: string;
  noticeNumber: string;
  round: number;
  state: string;
  period: { announceBy: string; days: number };
  opening: { preliminaryPrices: number[]; referencePrice: number; averaged: number[] } | null;
  bids: BidView[];
  objections: Array<{ bidder: string; text: string; answer: string | null }>;
}

const draft = {
  title: '청사 냉난방 설비 교체 공사',
  kind: 'works',
  estimatedPrice: 2_000_000_000,
  basePrice: 2_000_000_000,
  siteBriefing: false,
  urgent: false,
};

describe('the procurement-bidding process', () => {
  let stack: TimeSkippingStack;
  const tokens = new Map<string, string>();

  const as = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await stack.login(username));
    return { Authorization: `Bearer ${tokens.get(username)}` };
  };
  const api = () => request(stack.app);

  /** The open task at an element, completed by the person (claimed first when it names nobody yet). */
  async function complete(username: string, instanceId: string, elementId: string, variables: object) {
    const task = await eventuallyFound(
      () => stack.prisma.userTask.findFirst({ where: { processInstanceId: instanceId, elementId, state: 'CREATED' } }),
      `an open task at ${elementId}`,
    );
    if (!task.assignee)
      await api()
        .post(`/api/tasks/${task.id}/claim`)
        .set(await as(username))
        .expect(200);
    await api()
      .post(`/api/tasks/${task.id}/complete`)
      .set(await as(username))
      .send({ variables })
      .expect(200);
    return task;
  }

  async function startBidding(businessKey: string): Promise<string> {
    const started = await api()
      .post('/api/process-instances')
      .set(await as('buyer1'))
      .send({ processId: 'procurement-bidding', businessKey })
      .expect(201);
    return (started.body as { id: string }).id;
  }

  /** The bidding of a round once announced, as the person sees it. */
  async function bidding(instanceId: string, round: number, viewer = 'buyer1'): Promise<BiddingView> {
    const row = await eventuallyFound(
      () => stack.prisma.bidding.findFirst({ where: { processInstanceId: instanceId, round } }),
      `round ${round} announced`,
    );
    const response = await api()
      .get(`/api/procurement/biddings/${row.id}`)
      .set(await as(viewer))
      .expect(200);
    return response.body as BiddingView;
  }

  /** A bid with its 5% bond, expecting the status. */
  async function bid(bidder: string, biddingId: string, price: number, picks: [number, number], status: number) {
    return api()
      .post(`/api/procurement/biddings/${biddingId}/bids`)
      .set(await as(bidder))
      .send({ price, bond: Math.ceil(price * 0.05), picks })
      .expect(status);
  }

  const biddingState = (id: string, state: string) =>
    eventuallyFound(() => stack.prisma.bidding.findFirst({ where: { id, state: state as never } }), `bidding ${state}`);

  async function timersFiredAt(instanceId: string): Promise<number[]> {
    const history = await stack.temporal.workflow.getHandle(instanceId).fetchHistory();
    return (history.events ?? [])
      .filter((event) => event.timerFiredEventAttributes)
      .map((event) => Number(event.eventTime?.seconds ?? 0) * 1000 + Math.floor((event.eventTime?.nanos ?? 0) / 1e6));
  }

  beforeAll(async () => {
    stack = await startTimeSkippingStack();
    const analyst = await stack.prisma.user.findUniqueOrThrow({ where: { username: DEMO_ANALYST } });
    const deployed = await deployReferenceProcesses(stack.deps, analyst);
    expect(deployed.map((entry) => entry.processId)).toContain('procurement-bidding');
    await seedStartPermissions(stack.prisma);
  });
  afterAll(() => stack.stop());

  it('announces on the last lawful day, keeps bids sealed, opens at the instant and awards the lowest that passes', async () => {
    await stack.skipTo(kst('2027-03-03T09:00:00'));
    const instanceId = await startBidding('BID-2027-1');

    // Works of 20억 without a briefing: 15 days counted back from the eve of the deadline (§35③ 2).
    await complete('buyer1', instanceId, 'draft', {
      ...draft,
      bidDeadline: '2027-03-18T10:00:00+09:00',
      openingAt: '2027-03-18T11:00:00+09:00',
    });
    const redraft = await eventuallyFound(
      () =>
        stack.prisma.userTask.findFirst({
          where: { processInstanceId: instanceId, elementId: 'draft', state: 'CREATED' },
        }),
      'the draft back with the refusal',
    );
    // The officer's form shows why (the variables the task answers with).
    const shown = await api()
      .get(`/api/tasks/${redraft.id}`)
      .set(await as('buyer1'))
      .expect(200);
    expect(
      (shown.body as { variables: { announcement: { refusal: string } } }).variables.announcement.refusal,
    ).toContain('늦어도 2027-03-02에 공고하여야 합니다');
    expect(await stack.prisma.bidding.count({ where: { processInstanceId: instanceId } })).toBe(0);

    const openingAt = kst('2027-03-19T11:00:00');
    await complete('buyer1', instanceId, 'draft', {
      ...draft,
      bidDeadline: '2027-03-19T10:00:00+09:00',
      openingAt: '2027-03-19T11:00:00+09:00',
    });
    const announced = await bidding(instanceId, 1);
    expect(announced.period).toMatchObject({ announceBy: '2027-03-03', days: 15 });
    expect(announced.noticeNumber).toBe('2027-0001-01');

    // Four bids; the picks make numbers 1-4 the most picked, twice each.
    const prices = { bidder1: 1_800_000_000, bidder2: 1_850_000_000, bidder3: 1_900_000_000, bidder4: 2_100_000_000 };
    const picks: Record<string, [number, number]> = {
      bidder1: [1, 2],
      bidder2: [1, 3],
      bidder3: [2, 4],
      bidder4: [3, 4],
    };
    await api()
      .post(`/api/procurement/biddings/${announced.id}/bids`)
      .set(await as('bidder1'))
      .send({ price: 1_800_000_000, bond: 89_999_999, picks: [1, 2] })
      .expect(400);
    const receipts = new Map<string, string>();
    for (const [bidder, price] of Object.entries(prices)) {
      const response = await bid(bidder, announced.id, price, picks[bidder] as [number, number], 201);
      expect(response.body).toMatchObject({ sealed: true, price: null });
      receipts.set(bidder, (response.body as BidView).commitment);
    }
    await bid('bidder1', announced.id, 1_700_000_000, [5, 6], 409);
    await api()
      .post(`/api/procurement/biddings/${announced.id}/bids`)
      .set(await as('buyer1'))
      .send({ price: 1, bond: 1, picks: [1, 2] })
      .expect(403);

    // Sealed: nobody reads a price before the opening, the administrator and the officer included.
    for (const viewer of ['admin', 'buyer1']) {
      const seen = await bidding(instanceId, 1, viewer);
      expect(seen.bids).toHaveLength(4);
      expect(seen.opening).toBeNull();
      for (const seenBid of seen.bids)
        expect(seenBid).toMatchObject({ sealed: true, price: null, bond: null, picks: null });
    }
    const stored = await stack.prisma.$queryRaw<Array<{ sealed: string; price: bigint | null }>>`
      SELECT "sealed", "price" FROM "Bid" WHERE "biddingId" = ${announced.id}::uuid`;
    for (const row of stored) {
      expect(row.price).toBeNull();
      for (const price of Object.values(prices)) expect(row.sealed).not.toContain(String(price));
    }
    const bidder1View = await bidding(instanceId, 1, 'bidder1');
    expect(bidder1View.bids.map((seen) => seen.bidder)).toEqual(['bidder1']);
    const bidder2Bid = (await bidding(instanceId, 1)).bids.find((seen) => seen.bidder === 'bidder2') as BidView;
    await api()
      .get(`/api/procurement/biddings/${announced.id}/bids/${bidder2Bid.id}`)
      .set(await as('bidder1'))
      .expect(404);
    await api()
      .get(`/api/procurement/biddings/${announced.id}/bids/${bidder2Bid.id}`)
      .set(await as('bidder2'))
      .expect(200);
    // A civil servant of another unit sees the announcement but no bid.
    expect((await bidding(instanceId, 1, 'clerk1')).bids).toEqual([]);
    await api()
      .get(`/api/procurement/biddings/${announced.id}/bids/${bidder2Bid.id}`)
      .set(await as('clerk1'))
      .expect(404);
    // The audit trail records each bid's arrival and commitment, never its price.
    const arrivals = await stack.prisma.auditLog.findMany({ where: { action: 'bid.submitted' } });
    expect(arrivals.map((row) => row.actor).sort()).toEqual(['bidder1', 'bidder2', 'bidder3', 'bidder4']);
    for (const row of arrivals)
      for (const price of Object.values(prices)) expect(JSON.stringify(row.details)).not.toContain(String(price));

    // The deadline closes the bidding; a minute before the opening everything is still sealed.
    await stack.skipTo(kst('2027-03-19T10:00:01'));
    await biddingState(announced.id, 'CLOSED');
    await stack.skipTo(openingAt - 60_000);
    expect((await bidding(instanceId, 1, 'admin')).opening).toBeNull();
    await stack.skipTo(openingAt + 1_000);
    await biddingState(announced.id, 'OPENED');
    expect((await timersFiredAt(instanceId)).some((firedAt) => Math.abs(firedAt - openingAt) < 1000)).toBe(true);

    const opened = await bidding(instanceId, 1);
    const preliminary = opened.opening?.preliminaryPrices ?? [];
    expect(preliminary).toHaveLength(15);
    for (const price of preliminary) expect(Math.abs(price - 2_000_000_000)).toBeLessThanOrEqual(40_000_000);
    const expected = Math.floor(preliminary.slice(0, 4).reduce((sum, price) => sum + price, 0) / 4);
    expect(opened.opening).toMatchObject({ referencePrice: expected, averaged: [1, 2, 3, 4] });
    for (const seenBid of opened.bids) {
      const text = [announced.id, seenBid.bidder, seenBid.price, seenBid.bond, ...(seenBid.picks ?? []), seenBid.nonce];
      expect(createHash('sha256').update(text.join('|')).digest('hex')).toBe(receipts.get(seenBid.bidder));
    }
    expect(Object.fromEntries(opened.bids.map((seen) => [seen.bidder, [seen.state, seen.rank]]))).toEqual({
      bidder1: ['ELIGIBLE', 1],
      bidder2: ['ELIGIBLE', 2],
      bidder3: ['ELIGIBLE', 3],
      bidder4: ['INELIGIBLE', null],
    });

    // 적격심사: the lowest fails, the next passes and is awarded.
    await complete('buyer1', instanceId, 'review', { score: 70 });
    await complete('buyer1', instanceId, 'review', { score: 90 });
    const contractTask = await eventuallyFound(
      () =>
        stack.prisma.userTask.findFirst({
          where: { processInstanceId: instanceId, elementId: 'contract', state: 'CREATED' },
        }),
      'the contract task',
    );
    expect(contractTask.assignee).toBe('bidder2');
    // Ten days after the award day (3/19), to 24:00 of Monday 3/29.
    expect(contractTask.dueAt?.getTime()).toBe(kst('2027-03-30T00:00:00'));
    for (const bidder of Object.keys(prices)) {
      const notices = await eventually(async () => {
        const found = (await mailTo(`${bidder}@onnara.local`)).filter((mail) =>
          mail.subject.includes(announced.noticeNumber),
        );
        return found.length ? found : undefined;
      });
      expect(notices[0]?.text).toContain('낙찰자는 bidder2(입찰가 1,850,000,000원)');
    }
    expect((await mailTo('bidder2@onnara.local')).some((mail) => mail.text.includes('귀하가 낙찰자입니다'))).toBe(true);

    // An objection within the window is answered by the officer and mailed back.
    await api()
      .post(`/api/procurement/biddings/${announced.id}/objections`)
      .set(await as('bidder1'))
      .send({ text: '적격심사 점수 산정에 이의가 있습니다.' })
      .expect(201);
    await api()
      .post(`/api/procurement/biddings/${announced.id}/objections`)
      .set(await as('bidder3'))
      .send({ text: '' })
      .expect(400);
    await complete('buyer1', instanceId, 'answer-objection', { answer: '심사 기준 제5조에 따라 산정하였습니다.' });
    await eventually(async () =>
      (await mailTo('bidder1@onnara.local')).find((mail) => mail.subject.includes('[이의신청 답변]')),
    );
    expect((await bidding(instanceId, 1, 'bidder1')).objections).toEqual([
      expect.objectContaining({ bidder: 'bidder1', answer: '심사 기준 제5조에 따라 산정하였습니다.' }),
    ]);

    await complete('bidder2', instanceId, 'contract', { signature: '(주)누리산업', bondDeposited: true });
    await biddingState(announced.id, 'CONTRACTED');
    const contracted = await stack.prisma.bid.findFirstOrThrow({
      where: { biddingId: announced.id, state: 'CONTRACTED' },
    });
    expect(contracted.performanceBond).toBe(185_000_000n);

    // The window: 15 days from the notice on 3/19 end on Saturday 4/3, rolled to Monday 4/5 (민법 §161).
    const row = await stack.prisma.bidding.findUniqueOrThrow({ where: { id: announced.id } });
    expect(row.objectionsCloseAt?.getTime()).toBe(kst('2027-04-06T00:00:00'));
    await stack.skipTo(kst('2027-04-06T00:00:01'));
    await eventually(() =>
      stack.prisma.processInstance
        .findUniqueOrThrow({ where: { id: instanceId } })
        .then((instance) => (instance.state === 'COMPLETED' ? instance : undefined)),
    );
    await api()
      .post(`/api/procurement/biddings/${announced.id}/objections`)
      .set(await as('bidder3'))
      .send({ text: '늦은 이의신청' })
      .expect(409);
  });

  it('forfeits the bond of an awardee who does not sign in time and awards the next bidder', async () => {
    await stack.skipTo(kst('2027-04-12T09:00:00'));
    const instanceId = await startBidding('BID-2027-2');
    await complete('buyer1', instanceId, 'draft', {
      ...draft,
      title: '민원실 집기 구매',
      kind: 'goods',
      estimatedPrice: 100_000_000,
      basePrice: 100_000_000,
      bidDeadline: '2027-04-20T10:00:00+09:00',
      openingAt: '2027-04-20T11:00:00+09:00',
    });
    const announced = await bidding(instanceId, 1);
    expect(announced.period).toMatchObject({ announceBy: '2027-04-12', days: 7 });
    await bid('bidder1', announced.id, 90_000_000, [1, 2], 201);
    await bid('bidder2', announced.id, 91_000_000, [1, 2], 201);
    await bid('bidder3', announced.id, 92_000_000, [1, 2], 201);

    await stack.skipTo(kst('2027-04-20T11:00:01'));
    await biddingState(announced.id, 'OPENED');
    await complete('buyer1', instanceId, 'review', { score: 88 });
    const first = await eventuallyFound(
      () =>
        stack.prisma.userTask.findFirst({
          where: { processInstanceId: instanceId, elementId: 'contract', state: 'CREATED' },
        }),
      'the first contract task',
    );
    expect(first.assignee).toBe('bidder1');

    // Ten days from 4/20 end at 24:00 of Friday 4/30; the timer forfeits the bond and examines bidder2.
    await stack.skipTo(kst('2027-05-01T00:00:01'));
    const forfeited = await eventuallyFound(
      () =>
        stack.prisma.bid.findFirst({ where: { biddingId: announced.id, bidderName: 'bidder1', state: 'FORFEITED' } }),
      'the forfeited bid',
    );
    expect(forfeited.bond).toBe(4_500_000n);
    const notice = await eventually(async () =>
      (await mailTo('bidder1@onnara.local')).find((mail) => mail.subject.includes('[입찰보증금 국고귀속]')),
    );
    expect(notice.text).toContain('입찰보증금 4,500,000원');

    await complete('buyer1', instanceId, 'review', { score: 86 });
    const second = await eventuallyFound(
      () =>
        stack.prisma.userTask.findFirst({
          where: { processInstanceId: instanceId, elementId: 'contract', state: 'CREATED' },
        }),
      'the second contract task',
    );
    expect(second.assignee).toBe('bidder2');
    await complete('bidder2', instanceId, 'contract', { signature: '(주)누리산업', bondDeposited: true });
    await biddingState(announced.id, 'CONTRACTED');
    const seen = await bidding(instanceId, 1);
    expect(Object.fromEntries(seen.bids.map((entry) => [entry.bidder, entry.state]))).toEqual({
      bidder1: 'FORFEITED',
      bidder2: 'CONTRACTED',
      bidder3: 'ELIGIBLE',
    });
  });

  it('refuses a late bid, fails twice (유찰) and ends in a single-source contract', async () => {
    await stack.skipTo(kst('2027-06-01T09:00:00'));
    const instanceId = await startBidding('BID-2027-3');
    await complete('buyer1', instanceId, 'draft', {
      ...draft,
      title: '청사 조경 관리 용역',
      kind: 'services',
      estimatedPrice: 50_000_000,
      basePrice: 50_000_000,
      bidDeadline: '2027-06-10T10:00:00+09:00',
      openingAt: '2027-06-10T11:00:00+09:00',
    });
    const first = await bidding(instanceId, 1);
    await bid('bidder1', first.id, 45_000_000, [3, 7], 201);

    await stack.skipTo(kst('2027-06-10T10:00:01'));
    await biddingState(first.id, 'CLOSED');
    const late = await bid('bidder2', first.id, 44_000_000, [3, 7], 409);
    expect((late.body as { message: string }).message).toContain('입찰이 마감되었습니다');

    // One valid bid is no competition: 유찰, and the officer re-announces with the 5-day period.
    await stack.skipTo(kst('2027-06-10T11:00:01'));
    await biddingState(first.id, 'FAILED');
    await complete('buyer1', instanceId, 'draft', {
      ...draft,
      title: '청사 조경 관리 용역 (재공고)',
      kind: 'services',
      estimatedPrice: 50_000_000,
      basePrice: 50_000_000,
      bidDeadline: '2027-06-17T10:00:00+09:00',
      openingAt: '2027-06-17T11:00:00+09:00',
    });
    const second = await bidding(instanceId, 2);
    expect(second.period).toMatchObject({ announceBy: '2027-06-11', days: 5 });
    expect(second.noticeNumber).toBe(first.noticeNumber.replace(/-01$/, '-02'));

    await stack.skipTo(kst('2027-06-17T11:00:01'));
    await biddingState(second.id, 'FAILED');
    await complete('buyer1', instanceId, 'single-source', {
      contractor: '(주)다온기술',
      contractPrice: 48_000_000,
      reason: '재공고입찰에도 입찰자가 없어 수의계약 (국가계약법 시행령 §27①5)',
    });
    await eventually(() =>
      stack.prisma.processInstance
        .findUniqueOrThrow({ where: { id: instanceId } })
        .then((instance) => (instance.state === 'COMPLETED' ? instance : undefined)),
    );
    const row = await stack.prisma.bidding.findUniqueOrThrow({ where: { id: second.id } });
    expect(row.singleSource).toMatchObject({ contractor: '(주)다온기술', price: 48_000_000, decidedBy: 'buyer1' });
  });

  it('documents the biddings endpoints and asks for a login', async () => {
    const paths = ((await api().get('/api/openapi.json').expect(200)).body as { paths: Record<string, unknown> }).paths;
    expect(paths['/api/procurement/biddings/{id}']).toHaveProperty('get');
    expect(paths['/api/procurement/biddings/{id}/bids']).toHaveProperty('post');
    expect(paths['/api/procurement/biddings/{id}/objections']).toHaveProperty('post');
    await api().get('/api/procurement/biddings').expect(401);
  });
});
