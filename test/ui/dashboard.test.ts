/**
 * The dashboard in a real browser after a seeded run of the demo process: manager1 opens it from the menu, picks the
 * demo process, and sees the SLA rate and the heatmap's badges on the diagram; the numbers shown equal what an
 * independent SQL query over the task and element-history rows computes. Hangul is drawn in the bundled typeface.
 */
import path from 'node:path';
import { browserAvailable, browserSuite, fontsDrawing, KOREAN_TYPEFACE } from '../support/browser';
import { runDemoRequests } from '../support/dashboard-run';

const describeInBrowser = browserAvailable() ? describe : describe.skip;
const ARTIFACTS = path.resolve(__dirname, '../../.data/test-artifacts/dashboard');

describeInBrowser('dashboard in the browser', () => {
  const suite = browserSuite({ prepare: runDemoRequests });

  const openAs = (username: string) => suite.signedIn(username, { viewport: { width: 1280, height: 1000 } });

  it("manager1 sees the demo process's SLA rate and heatmap, as SQL computes them", async () => {
    // given what the rows say, computed apart from the dashboard's aggregates
    const [sla] = await suite.stack.prisma.$queryRaw<Array<{ onTime: bigint; late: bigint }>>`
      SELECT count(*) FILTER (WHERE "state" = 'COMPLETED' AND "completedAt" <= "dueAt") AS "onTime",
             count(*) FILTER (WHERE ("state" = 'COMPLETED' AND "completedAt" > "dueAt")
                                 OR ("state" = 'CREATED' AND "dueAt" < now() AT TIME ZONE 'UTC')) AS late
      FROM "UserTask"`;
    const onTime = Number(sla?.onTime ?? 0);
    const expectedRate = `${((onTime / (onTime + Number(sla?.late ?? 0))) * 100).toFixed(1)}%`;
    const elements = await suite.stack.prisma.$queryRaw<
      Array<{ elementId: string; completed: bigint; active: bigint }>
    >`
      SELECT "elementId", count(*) FILTER (WHERE "state" = 'COMPLETED') AS completed,
             count(*) FILTER (WHERE "state" = 'ACTIVE') AS active
      FROM "ElementInstance" GROUP BY "elementId" ORDER BY "elementId"`;

    // when manager1 opens the dashboards from the menu and picks the demo process
    const page = await openAs('manager1');
    await page.getByRole('navigation').getByRole('link', { name: '대시보드' }).click();
    await page.getByRole('heading', { name: '성과 대시보드' }).waitFor();
    await page.getByLabel('대상').selectOption({ value: 'process:demo-approval' });
    await page.getByRole('button', { name: '보기' }).click();

    // then the SLA rate is the one SQL computes
    const rate = page.locator('[data-figure="sla-rate"]');
    await rate.waitFor();
    expect(expectedRate).toBe('33.3%');
    await expect(rate.innerText()).resolves.toBe(expectedRate);

    // and every element that ran carries a badge on the diagram with its completions and running tokens
    await page.locator('.heatmap .djs-overlay .heatmap-badge').first().waitFor();
    const badges = await page.locator('.heatmap-badge').evaluateAll((nodes) =>
      nodes.map((node) => ({
        elementId: (node as HTMLElement).dataset.elementId,
        completed: Number((node as HTMLElement).dataset.completed),
        active: Number((node as HTMLElement).dataset.active),
        shown: node.querySelector('.heatmap-badge__count')?.textContent,
      })),
    );
    expect(badges.sort((a, b) => (a.elementId ?? '').localeCompare(b.elementId ?? ''))).toEqual(
      elements.map((row) => ({
        elementId: row.elementId,
        completed: Number(row.completed),
        active: Number(row.active),
        shown: String(row.completed),
      })),
    );
    expect(badges.find((badge) => badge.elementId === 'review-request')).toMatchObject({ completed: 3, active: 1 });

    // and the charts are drawn, each beside its table and CSV link
    await page.locator('[data-part="throughput"] .dashboard-chart[data-drawn="true"]').waitFor();
    await expect(page.getByRole('link', { name: 'CSV 내려받기' }).count()).resolves.toBeGreaterThanOrEqual(6);

    // and Hangul is drawn in the bundled typeface
    const fonts = await fontsDrawing(page, '.dashboard-figure__label');
    expect(fonts).toContainEqual({ familyName: KOREAN_TYPEFACE, isCustomFont: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'manager-demo-process.png'), fullPage: true });
    await page.close();
  });

  it('a civil servant has no dashboards entry and is told the page is not theirs', async () => {
    const page = await openAs('clerk1');
    await expect(page.getByRole('navigation').getByRole('link', { name: '대시보드' }).count()).resolves.toBe(0);
    await page.goto(`${suite.baseUrl}/#/dashboards?process=demo-approval`);
    await page.getByText('볼 수 있는 대시보드가 아닙니다.').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'civil-servant-refused.png'), fullPage: true });
    await page.close();
  });
});
