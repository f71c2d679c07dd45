/**
 * The audit trail page in a real browser: an auditor finds it in the menu, sees a clerk's refused request as a
 * denied row, narrows the list by actor, and verifies the chain; a clerk has no menu entry and is told the page is
 * for auditors.
 */
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { browserAvailable, serveWithBrowser, signIn as signInAt } from '../support/browser';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';

const describeInBrowser = browserAvailable() ? describe : describe.skip;

describeInBrowser('the audit trail in the browser', () => {
  let stack: TestStack;
  let baseUrl: string;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    ({ baseUrl, browser, close: closeBrowser } = await serveWithBrowser(stack.app));
  });

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  async function signIn(username: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAt(page, baseUrl, username, PASSWORD);
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    return page;
  }

  it('an auditor reads the trail, filters it by actor and verifies the chain', async () => {
    // given a clerk refused a change of the calendar
    const clerk = await stack.login('clerk1');
    await request(stack.app)
      .post('/api/calendar/holidays')
      .set({ Authorization: `Bearer ${clerk}` })
      .send({ date: '2026-03-04', name: '임시공휴일' })
      .expect(403);

    // when the auditor opens the audit trail from the menu
    const page = await signIn('auditor1');
    await page.getByRole('navigation').getByRole('link', { name: '감사 기록' }).click();
    await page.getByRole('heading', { name: '감사 기록', level: 1 }).waitFor();

    // then the refusal is listed as denied, and filtering by the clerk keeps only the clerk's rows
    const denied = page.getByRole('row').filter({ hasText: 'POST /api/calendar/holidays' });
    await denied.waitFor();
    await expect(denied.getByText('거부').isVisible()).resolves.toBe(true);
    await page.getByLabel('행위자 (사용자 ID)').fill('clerk1');
    await page.getByRole('search').getByRole('button', { name: '검색' }).click();
    await page.waitForURL(/actor=clerk1/);
    await denied.waitFor();
    const actors = await page.locator('tbody td[data-label="행위자"]').allInnerTexts();
    expect(actors.length).toBeGreaterThan(0);
    expect(new Set(actors)).toEqual(new Set(['clerk1']));

    // and the chain verifies, with the head to note down
    await page.getByRole('button', { name: '체인 검증' }).click();
    const verdict = page.getByRole('status').filter({ hasText: '체인이 온전합니다' });
    await verdict.waitFor();
    const last = await stack.prisma.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' } });
    await expect(verdict.innerText()).resolves.toContain(last.hash ?? 'no hash');
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/bps-audit.png`, fullPage: true });
    await page.close();
  });

  it('a clerk has no audit entry in the menu and is told the page is for auditors', async () => {
    const page = await signIn('clerk1');
    await expect(page.getByRole('navigation').getByRole('link', { name: '감사 기록' }).count()).resolves.toBe(0);
    await page.goto(`${baseUrl}/#/audit`);
    await page.getByRole('alert').filter({ hasText: '감사 담당자만' }).waitFor();
    await expect(page.getByRole('button', { name: '체인 검증' }).isVisible()).resolves.toBe(false);
    await page.close();
  });
});
