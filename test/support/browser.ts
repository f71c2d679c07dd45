/**
 * Headless Chromium from Debian (playwright-core drives it; Playwright's own browser download cannot work on a
 * registry-only network). .ci/run installs it and sets REQUIRE_BROWSER=1, so in CI a missing browser fails.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Express } from 'express';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { PASSWORD, startTestStack, type TestStack } from './stack';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.REQUIRE_BROWSER === '1') {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install chromium, or set CHROMIUM_PATH`);
  }
  console.warn(
    `Browser tests not run: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH).`,
  );
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The API app on a free local port with a browser beside it; close() stops both. */
export async function serveWithBrowser(
  app: Express,
): Promise<{ baseUrl: string; browser: Browser; close: () => Promise<void> }> {
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  return {
    baseUrl,
    browser,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Signs in on the login page (Korean, the default language). */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByLabel('아이디').fill(username);
  await page.getByLabel('비밀번호').fill(password);
  await page.getByRole('button', { name: '로그인' }).click();
}

/** What a browser suite's tests use; its fields are set once the suite's beforeAll has run. */
export interface BrowserSuite<S extends TestStack> {
  stack: S;
  baseUrl: string;
  browser: Browser;
  /** A new page signed in as the user (with the demo password), showing their task queue. */
  signedIn(username: string, options?: BrowserContextOptions): Promise<Page>;
}

/**
 * Registers the describe block's set-up and tear-down: starts the stack (`start`, a test stack unless told),
 * prepares it (deploys, seeds), serves the app to a headless browser, and stops both after the last test.
 */
export function browserSuite<S extends TestStack = TestStack>(
  options: { start?: () => Promise<S>; prepare?: (stack: S) => Promise<unknown> } = {},
): BrowserSuite<S> {
  const start = options.start ?? (startTestStack as () => Promise<S>);
  let close: (() => Promise<void>) | undefined;
  const suite: BrowserSuite<S> = {
    stack: undefined as unknown as S,
    baseUrl: '',
    browser: undefined as unknown as Browser,
    async signedIn(username, pageOptions) {
      const page = await suite.browser.newPage(pageOptions);
      await signIn(page, suite.baseUrl, username, PASSWORD);
      await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
      return page;
    },
  };
  beforeAll(async () => {
    suite.stack = await start();
    await options.prepare?.(suite.stack);
    ({ baseUrl: suite.baseUrl, browser: suite.browser, close } = await serveWithBrowser(suite.stack.app));
  });
  afterAll(async () => {
    await close?.();
    await (suite.stack as S | undefined)?.stop();
  });
  return suite;
}

/**
 * Full-page screenshots of a walkthrough, saved as test/artifacts/<folder>/<name>.png (git-ignored) for a person
 * to look through; `numbered` prefixes 01-, 02-, ... in the order they are taken.
 */
export function screenshotter(
  folder: string,
  { numbered = false } = {},
): (page: Page, name: string) => Promise<Buffer> {
  const dir = path.resolve(__dirname, '../artifacts', folder);
  let taken = 0;
  return (page, name) => {
    const prefix = numbered ? `${String(++taken).padStart(2, '0')}-` : '';
    return page.screenshot({ path: path.join(dir, `${prefix}${name}.png`), fullPage: true }); // makes the folder
  };
}

/**
 * Takes the open task if it is offered to a group ("내가 처리하기") and waits until the claim has landed: the page
 * re-renders its claim bar then, and a click aimed at the form while it shifts can miss.
 */
export async function claimIfOffered(page: Page): Promise<void> {
  const claim = page.getByRole('button', { name: '내가 처리하기' });
  await page.locator('.claim-bar > *').first().waitFor(); // drawn with the task
  if (!(await claim.isVisible())) return;
  await claim.click();
  await page.getByText('이 업무를 맡았습니다.').waitFor();
}

/** The family name of the bundled Korean typeface, as Chromium reports it. */
export const KOREAN_TYPEFACE = 'Pretendard GOV Variable';

/** The fonts Chromium actually drew the text of the first element matching `selector` with (DevTools protocol). */
export async function fontsDrawing(
  page: Page,
  selector: string,
): Promise<{ familyName: string; isCustomFont: boolean }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map(({ familyName, isCustomFont }) => ({ familyName, isCustomFont }));
  } finally {
    await cdp.detach();
  }
}
