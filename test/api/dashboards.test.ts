/**
 * Dashboards on the real stack: after a seeded run of the demo process, every figure equals an independent SQL
 * computation over the rows themselves (instances, element history, tasks), the trigger-kept aggregates equal a
 * rebuild from those rows, a manager of another subtree sees nothing, and bad input is refused with a 400.
 */
import request from 'supertest';
import { Role } from '../../api/auth/ability';
import { bucketOf, bucketValue } from '../../api/services/dashboards/duration-histogram';
import { formatKst } from '../../gov/calendar';
import { runDemoRequests, type DemoRun } from '../support/dashboard-run';
import { startTestStack, type TestStack } from '../support/stack';
import { addUser } from '../support/users';

interface Summary {
  median: number | null;
  p90: number | null;
  mean: number | null;
  count: number;
}
interface ProcessDashboard {
  versions: number[];
  throughput: Array<{ bucket: string; started: number; completed: number }>;
  cycleTime: { endToEnd: Summary; perElement: Array<Summary & { elementId: string }> };
  sla: { onTime: number; late: number; rate: number | null };
  backlog: Array<{ queue: string; department: string; open: number; overdue: number }>;
  overdue: Array<{ id: string; businessKey: string; overdueWorkingMinutes: number | null }>;
  bottlenecks: Array<{ elementId: string; meanWaitMs: number; count: number }>;
  heatmap: { definitionId: string; version: number; elements: ElementFigures[] };
}
interface ElementFigures {
  elementId: string;
  active: number;
  completed: number;
  incidents: number;
  meanDurationMs: number | null;
}

const AGGREGATES = [
  'InstanceStartStat',
  'InstanceDurationStat',
  'ElementDurationStat',
  'TaskCreatedStat',
  'TaskCompletedStat',
];

describe('dashboards', () => {
  let stack: TestStack;
  let run: DemoRun;
  let tokens: Record<'manager1' | 'manager2' | 'clerk1' | 'admin', string>;
  let civilAffairs: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const today = () => formatKst(Date.now()).slice(0, 10);

  beforeAll(async () => {
    stack = await startTestStack();
    run = await runDemoRequests(stack);
    await addUser(stack.prisma, 'manager2', Role.Manager);
    const planning = await stack.prisma.orgUnit.findUniqueOrThrow({ where: { code: 'planning-budget' } });
    await stack.prisma.user.update({ where: { username: 'manager2' }, data: { orgUnitId: planning.id } });
    civilAffairs = (await stack.prisma.orgUnit.findUniqueOrThrow({ where: { code: 'civil-affairs' } })).id;
    tokens = {
      manager1: await stack.login('manager1'),
      manager2: await stack.login('manager2'),
      clerk1: await stack.login('clerk1'),
      admin: await stack.login('admin'),
    };
  });
  afterAll(() => stack.stop());

  async function processDashboard(token = tokens.manager1): Promise<ProcessDashboard> {
    const response = await api().get('/api/dashboards/process/demo-approval').set(as(token)).expect(200);
    return response.body as ProcessDashboard;
  }

  /** The exact nearest-rank percentile of some durations, as SQL computes it from the rows. */
  async function exactPercentiles(durations: string): Promise<{ median: number; p90: number; count: number }> {
    const [row = { median: NaN, p90: NaN, count: 0n }] = await stack.prisma.$queryRawUnsafe<
      Array<{ median: number; p90: number; count: bigint }>
    >(`
      SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY ms) AS median,
             percentile_disc(0.9) WITHIN GROUP (ORDER BY ms) AS p90, count(*) AS count
      FROM (${durations}) d`);
    return { median: row.median, p90: row.p90, count: Number(row.count) };
  }

  /** A histogram percentile is the middle of the bucket that holds the exact one. */
  function expectFromHistogram(shown: number | null, exact: number) {
    expect(shown).toBe(bucketValue(bucketOf(exact)));
    expect(Math.abs((shown ?? 0) - exact)).toBeLessThanOrEqual(Math.max(1, exact * 0.05));
  }

  it('counts starts and completions per day as the instance rows do', async () => {
    const dashboard = await processDashboard();
    const rows = await stack.prisma.$queryRaw<Array<{ day: string; started: bigint; completed: bigint }>>`
      SELECT to_char(d, 'YYYY-MM-DD') AS day,
             (SELECT count(*) FROM "ProcessInstance" WHERE ("startedAt" + interval '9 hours')::date = d) AS started,
             (SELECT count(*) FROM "ProcessInstance"
              WHERE "state" = 'COMPLETED' AND ("endedAt" + interval '9 hours')::date = d) AS completed
      FROM (SELECT DISTINCT ("startedAt" + interval '9 hours')::date AS d FROM "ProcessInstance") days`;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(dashboard.throughput.find(({ bucket }) => bucket === row.day)).toEqual({
        bucket: row.day,
        started: Number(row.started),
        completed: Number(row.completed),
      });
    }
    expect(dashboard.throughput.reduce((sum, { started }) => sum + started, 0)).toBe(4);
    expect(dashboard.throughput.reduce((sum, { completed }) => sum + completed, 0)).toBe(3);
    expect(dashboard.throughput).toHaveLength(30);
    expect(dashboard.throughput.at(-1)?.bucket).toBe(today());
  });

  it('reads cycle times end to end and per element within a bucket of the exact percentiles', async () => {
    const dashboard = await processDashboard();
    const whole = await exactPercentiles(`
      SELECT extract(epoch FROM "endedAt" - "startedAt") * 1000 AS ms FROM "ProcessInstance" WHERE "state" = 'COMPLETED'`);
    expect(dashboard.cycleTime.endToEnd.count).toBe(whole.count);
    expectFromHistogram(dashboard.cycleTime.endToEnd.median, whole.median);
    expectFromHistogram(dashboard.cycleTime.endToEnd.p90, whole.p90);

    const review = await exactPercentiles(`
      SELECT extract(epoch FROM "endedAt" - "startedAt") * 1000 AS ms FROM "ElementInstance"
      WHERE "elementId" = 'review-request' AND "state" = 'COMPLETED'`);
    const shown = dashboard.cycleTime.perElement.find(({ elementId }) => elementId === 'review-request');
    expect(shown?.count).toBe(3);
    expect(review.count).toBe(3);
    expectFromHistogram(shown?.median ?? null, review.median);
    expectFromHistogram(shown?.p90 ?? null, review.p90);

    const means = dashboard.bottlenecks.map(({ meanWaitMs }) => meanWaitMs);
    expect(means).toEqual([...means].sort((a, b) => b - a));
    // Which step waits longest depends on how fast this run's clerk and mail server were; each step is counted once
    // per completed visit, with the mean the element history gives.
    const reviewWait = await stack.prisma.$queryRaw<Array<{ mean: number }>>`
      SELECT avg(extract(epoch FROM "endedAt" - "startedAt") * 1000)::float AS mean FROM "ElementInstance"
      WHERE "elementId" = 'review-request' AND "state" = 'COMPLETED'`;
    const reviewBottleneck = dashboard.bottlenecks.find(({ elementId }) => elementId === 'review-request');
    expect(reviewBottleneck?.count).toBe(3);
    expect(Math.abs((reviewBottleneck?.meanWaitMs ?? 0) - (reviewWait[0]?.mean ?? NaN))).toBeLessThanOrEqual(1);
  });

  it('shows the heatmap of the latest version as the element history counts it, and serves it as statistics', async () => {
    const dashboard = await processDashboard();
    const rows = await stack.prisma.$queryRaw<
      Array<{ elementId: string; active: bigint; completed: bigint; meanDurationMs: number | null }>
    >`
      SELECT "elementId", count(*) FILTER (WHERE "state" = 'ACTIVE') AS active,
             count(*) FILTER (WHERE "state" = 'COMPLETED') AS completed,
             round(avg(extract(epoch FROM "endedAt" - "startedAt") * 1000) FILTER (WHERE "state" = 'COMPLETED'))::float8
               AS "meanDurationMs"
      FROM "ElementInstance" GROUP BY "elementId" ORDER BY "elementId"`;
    expect(dashboard.heatmap.elements).toEqual(
      rows.map((row) => ({
        elementId: row.elementId,
        active: Number(row.active),
        completed: Number(row.completed),
        incidents: 0,
        meanDurationMs: row.meanDurationMs,
      })),
    );
    expect(dashboard.heatmap.elements.find(({ elementId }) => elementId === 'review-request')).toMatchObject({
      active: 1,
      completed: 3,
    });
    const statistics = await api()
      .get(`/api/process-definitions/${dashboard.heatmap.definitionId}/statistics`)
      .set(as(tokens.manager1))
      .expect(200);
    expect(statistics.body).toEqual(dashboard.heatmap.elements);
  });

  it('rates tasks against their legal due dates, an open task past due counting as late', async () => {
    const dashboard = await processDashboard();
    const [row = { onTime: 0n, late: 0n }] = await stack.prisma.$queryRaw<Array<{ onTime: bigint; late: bigint }>>`
      SELECT count(*) FILTER (WHERE "state" = 'COMPLETED' AND "completedAt" <= "dueAt") AS "onTime",
             count(*) FILTER (WHERE ("state" = 'COMPLETED' AND "completedAt" > "dueAt")
                                 OR ("state" = 'CREATED' AND "dueAt" < now() AT TIME ZONE 'UTC')) AS late
      FROM "UserTask"`;
    expect(dashboard.sla).toEqual({ onTime: 1, late: 2, rate: 1 / 3 });
    expect(dashboard.sla).toEqual({
      onTime: Number(row.onTime),
      late: Number(row.late),
      rate: Number(row.onTime) / (Number(row.onTime) + Number(row.late)),
    });
    expect(dashboard.backlog).toEqual([
      { queue: 'civil-affairs', department: expect.stringContaining('민원봉사과'), open: 1, overdue: 1 },
    ]);
    expect(dashboard.overdue).toHaveLength(1);
    expect(dashboard.overdue[0]).toMatchObject({ id: run.openTaskId, businessKey: 'DASH-4' });
    expect(dashboard.overdue[0]?.overdueWorkingMinutes).toBeGreaterThan(0);
  });

  it("answers a department's dashboard from the tasks that reached its units", async () => {
    const response = await api().get(`/api/dashboards/department/${civilAffairs}`).set(as(tokens.manager1)).expect(200);
    const dashboard = response.body as Omit<ProcessDashboard, 'heatmap'> & { heatmap: null };
    const tasks = await stack.prisma.userTask.count({ where: { orgUnitId: civilAffairs } });
    expect(dashboard.throughput.reduce((sum, { started }) => sum + started, 0)).toBe(tasks);
    expect(dashboard.throughput.reduce((sum, { completed }) => sum + completed, 0)).toBe(3);
    expect(dashboard.sla).toEqual({ onTime: 1, late: 2, rate: 1 / 3 });
    expect(dashboard.cycleTime.perElement).toEqual([
      expect.objectContaining({ processId: 'demo-approval', elementId: 'review-request', count: 3 }),
    ]);
    expect(dashboard.heatmap).toBeNull();
  });

  it('keeps aggregates equal to a rebuild from the rows', async () => {
    const snapshot = async () =>
      Promise.all(
        AGGREGATES.map((table) =>
          stack.prisma.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}" stat ORDER BY stat::text`),
        ),
      );
    const kept = await snapshot();
    expect(kept.every((rows) => rows.length > 0)).toBe(true);
    await stack.prisma.$executeRawUnsafe('SELECT "dashboardRebuild"()');
    expect(await snapshot()).toEqual(kept);
  });

  it('exports each part as CSV', async () => {
    const response = await api()
      .get('/api/dashboards/process/demo-approval?format=csv&part=throughput&bucket=week')
      .set(as(tokens.manager1))
      .expect(200)
      .expect('Content-Type', /text\/csv/);
    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('bucket,started,completed');
    const totals = lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[1]), 0);
    expect(totals).toBe(4);
    const heatmap = await api()
      .get('/api/dashboards/process/demo-approval?format=csv&part=heatmap')
      .set(as(tokens.manager1))
      .expect(200);
    expect(heatmap.text).toContain('review-request,1,3,0,');
  });

  it('shows a manager of another subtree nothing, and a civil servant no dashboard', async () => {
    const { heatmap } = await processDashboard(tokens.admin);
    for (const path of [
      '/api/dashboards/process/demo-approval',
      `/api/dashboards/department/${civilAffairs}`,
      `/api/process-definitions/${heatmap.definitionId}/statistics`,
    ]) {
      await api().get(path).set(as(tokens.manager2)).expect(404);
      await api().get(path).set(as(tokens.clerk1)).expect(404);
    }
    const listed = await api().get('/api/dashboards').set(as(tokens.manager2)).expect(200);
    expect(listed.body).toMatchObject({ processes: [] });
    expect((listed.body as { departments: Array<{ code: string }> }).departments.map(({ code }) => code)).toEqual([
      'planning-budget',
    ]);
    const mine = await api().get('/api/dashboards').set(as(tokens.manager1)).expect(200);
    expect(mine.body).toMatchObject({ processes: [{ processId: 'demo-approval', versions: [1] }] });
  });

  it.each([
    ['an impossible date', '?from=2026-13-01', /from/],
    ['a window that ends before it starts', '?from=2026-12-01&to=2026-11-01', /must not be after/],
    ['a window of years', '?from=2020-01-01&to=2026-01-01', /at most 731 days/],
    ['an unknown field', '?state=ACTIVE', /state/],
    ['an unknown part', '?format=csv&part=salaries', /part/],
    ['a CSV without its part', '?format=csv', /part/],
    ['an unknown bucket', "?bucket=day'--", /bucket/],
  ])('refuses %s with a 400 that names it', async (_what, query, message) => {
    const response = await api()
      .get(`/api/dashboards/process/demo-approval${query}`)
      .set(as(tokens.manager1))
      .expect(400);
    expect((response.body as { message: string }).message).toMatch(message);
  });

  it('answers 404 for a process id that names nothing, quotes and all', async () => {
    await api()
      .get(`/api/dashboards/process/${encodeURIComponent("demo-approval' OR '1'='1")}`)
      .set(as(tokens.admin))
      .expect(404);
    await api().get('/api/dashboards/department/not-a-unit').set(as(tokens.admin)).expect(404);
  });
});
