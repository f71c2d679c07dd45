/**
 * My settings in a real browser: a civil servant opens 설정 from the menu, turns the assignment mail off and
 * chooses English, saves, and the preferences are stored; the page shows them again after a reload.
 */
import type { Browser } from 'playwright-core';
import { browserAvailable, serveWithBrowser, signIn } from '../support/browser';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';

const describeInBrowser = browserAvailable() ? describe : describe.skip;

describeInBrowser('settings page in the browser', () => {
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

  it('saves the notification preferences a person chooses, in Korean first', async () => {
    const page = await browser.newPage();
    await signIn(page, baseUrl, 'clerk3', PASSWORD);
    await page.getByRole('link', { name: '설정' }).click();
    await page.getByRole('heading', { name: '내 설정' }).waitFor();

    const assigned = page.getByLabel('업무 배정', { exact: true });
    expect(await assigned.isChecked()).toBe(true);
    expect(await page.getByLabel('한국어', { exact: true }).isChecked()).toBe(true);
    await assigned.uncheck();
    await page.getByLabel('English', { exact: true }).check();
    await page.getByRole('button', { name: '저장' }).click();
    await page.getByText('알림 설정을 저장했습니다.').waitFor();

    const user = await stack.prisma.user.findUniqueOrThrow({
      where: { username: 'clerk3' },
      include: { notificationPrefs: true },
    });
    expect(user.notificationPrefs).toMatchObject({ language: 'en', assigned: false, reminder: true, overdue: true });

    await page.reload();
    await page.getByRole('heading', { name: '내 설정' }).waitFor();
    await page.getByLabel('English', { exact: true }).waitFor();
    expect(await page.getByLabel('업무 배정', { exact: true }).isChecked()).toBe(false);
    expect(await page.getByLabel('English', { exact: true }).isChecked()).toBe(true);
    await page.close();
  });
});
