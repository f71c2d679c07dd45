/**
 * Every model we ship or run in the conformance suite opens in the modeler (laid out automatically when it has no
 * diagram information) and comes back out, through the page's import and export buttons, as XML that compiles to the
 * same process graph as the original.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { compileBpmn } from '../../bpmn/compile';
import { AppError } from '../../shared/app-error';
import { browserAvailable, serveWithBrowser, signIn } from '../support/browser';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';

const describeInBrowser = browserAvailable() ? describe : describe.skip;
const root = resolve(__dirname, '../..');
const folders = ['processes', 'modeler-ui/src/modeler/templates', 'test/conformance/models'];
const models = folders.flatMap((folder) =>
  readdirSync(join(root, folder))
    .filter((file) => file.endsWith('.bpmn'))
    .map((file) => join(root, folder, file)),
);

/** The compiled graphs, or the compiler's error code for a model it refuses (the round trip must refuse it too). */
async function compiled(xml: string): Promise<unknown> {
  try {
    return await compileBpmn(xml);
  } catch (error) {
    if (error instanceof AppError) return { refused: error.code };
    throw error;
  }
}

describeInBrowser('modeler round trip', () => {
  let stack: TestStack;
  let baseUrl: string;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let context: BrowserContext;

  beforeAll(async () => {
    stack = await startTestStack();
    ({ baseUrl, browser, close: closeBrowser } = await serveWithBrowser(stack.app));
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const login = await context.newPage();
    await signIn(login, baseUrl, 'analyst1', PASSWORD);
    await login.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    await login.close();
  });

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  it('finds the models', () => {
    expect(models.length).toBeGreaterThan(60);
  });

  it.each(models.map((file) => [basename(file), file]))(
    '%s opens and exports to the same process graph',
    async (name, file) => {
      const original = readFileSync(file, 'utf8');
      // A tab of its own per model: Chromium holds back a tab's repeated downloads (its multiple-download limit).
      const page = await context.newPage();
      await page.goto(`${baseUrl}/#/modeler?template=blank`);
      await page.locator('.modeler__canvas[data-ready="true"]').waitFor();
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name, mimeType: 'application/xml', buffer: Buffer.from(original) });
      await page.getByRole('status').filter({ hasText: name }).last().waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '.bpmn 내보내기' }).click(),
      ]);
      const exported = await readFile(await download.path(), 'utf8');
      await page.close();

      expect(exported).toContain('BPMNShape');
      expect(await compiled(exported)).toEqual(await compiled(original));
    },
  );
});
