/**
 * The content security policy the API sends (api/security-headers.ts) is one the web app satisfies: the pages that
 * draw the most (the modeler's bpmn-js canvas and properties panel, the dashboards' chart.js charts and heatmap, a
 * task) load and draw without a single violation reported by the browser. (Without 'unsafe-inline' for styles the
 * modeler reports style-src-attr and style-src-elem violations here: bpmn-js and its panel set inline styles.)
 */
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, serveWithBrowser, signIn } from '../support/browser';
import { runDemoRequests } from '../support/dashboard-run';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';

const describeInBrowser = browserAvailable() ? describe : describe.skip;

describeInBrowser('content security policy in the browser', () => {
  let stack: TestStack;
  let baseUrl: string;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let openTaskId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    ({ openTaskId } = await runDemoRequests(stack));
    ({ baseUrl, browser, close: closeBrowser } = await serveWithBrowser(stack.app));
  });

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  /** A signed-in page that records every violation the browser reports, as "directive: blocked resource". */
  async function openAs(username: string): Promise<{ page: Page; violations: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (violation: string) => violations.push(violation));
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) => {
        const { reportViolation } = window as unknown as { reportViolation: (violation: string) => void };
        reportViolation(
          `${event.violatedDirective}: ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
        );
      }),
    );
    await signIn(page, baseUrl, username, PASSWORD);
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    return { page, violations };
  }

  it('draws the modeler with its properties panel without a violation', async () => {
    const { page, violations } = await openAs('analyst1');
    await page.goto(`${baseUrl}/#/modeler/demo-approval`);
    await page.locator('.modeler__canvas[data-ready="true"]').waitFor();
    await page.locator('.djs-shape').nth(1).click();
    await page.locator('.bio-properties-panel').first().waitFor();
    expect(violations).toEqual([]);
  });

  it("draws the dashboards' charts and heatmap without a violation", async () => {
    const { page, violations } = await openAs('manager1');
    await page.getByRole('navigation').getByRole('link', { name: '대시보드' }).click();
    await page.getByRole('heading', { name: '성과 대시보드' }).waitFor();
    await page.getByLabel('대상').selectOption({ value: 'process:demo-approval' });
    await page.getByRole('button', { name: '보기' }).click();
    await page.locator('[data-part="throughput"] .dashboard-chart[data-drawn="true"]').waitFor();
    await page.locator('.heatmap .djs-overlay .heatmap-badge').first().waitFor();
    expect(violations).toEqual([]);
  });

  it('opens a task without a violation', async () => {
    const { page, violations } = await openAs('clerk1');
    await page.goto(`${baseUrl}/#/tasks/${openTaskId}`);
    await page.getByRole('heading', { name: 'Review request' }).waitFor();
    expect(violations).toEqual([]);
  });
});
