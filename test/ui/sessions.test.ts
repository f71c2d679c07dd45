/**
 * Login hardening as a person meets it in the browser (docs/security.md): a locked account is told so in Korean with
 * when to try again, and "log out everywhere" on the settings page ends the sessions of other browsers too. Both go
 * through the cookie session, so they also show the CSRF origin check letting the app's own requests through.
 */
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, serveWithBrowser, signIn } from '../support/browser';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';

const describeInBrowser = browserAvailable() ? describe : describe.skip;

describeInBrowser('sessions in the browser', () => {
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

  /** A signed-in page in a browser context of its own (its own cookie jar: another computer). */
  async function signedIn(username: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, baseUrl, username, PASSWORD);
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    return page;
  }

  it('tells a person whose account is locked to wait, and how long', async () => {
    const page = await (await browser.newContext()).newPage();
    for (let attempt = 0; attempt < stack.config.LOGIN_MAX_FAILURES_PER_ACCOUNT; attempt++) {
      await signIn(page, baseUrl, 'clerk3', 'wrong-password');
      await page.getByText('아이디 또는 비밀번호가 올바르지 않습니다.').waitFor();
    }
    await signIn(page, baseUrl, 'clerk3', PASSWORD);
    await page.getByText(`${stack.config.LOGIN_LOCKOUT_MINUTES}분 뒤에 다시 시도하세요`).waitFor();
    expect(await page.getByRole('heading', { name: '내 업무 목록' }).count()).toBe(0);
  });

  it('logs out everywhere from the settings page, ending the session of another browser too', async () => {
    const here = await signedIn('clerk1');
    const elsewhere = await signedIn('clerk1');

    await here.goto(`${baseUrl}/#/settings`);
    await here.getByRole('button', { name: '모든 곳에서 로그아웃' }).click();
    await here.getByText('모든 곳에서 로그아웃되었습니다.').waitFor();
    await here.getByRole('heading', { name: '로그인' }).waitFor();

    await elsewhere.reload();
    await elsewhere.getByRole('heading', { name: '로그인' }).waitFor();
    expect(await stack.prisma.session.count({ where: { user: { username: 'clerk1' } } })).toBe(0);
  });
});
