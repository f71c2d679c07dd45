/**
 * Forms drawn by form-js, in a real browser: a civil servant completes a user task through the form deployed with
 * its process (prefilled, validated by the form, values become instance variables), and the form editor adds a
 * field dragged from its palette.
 */
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { browserAvailable, serveWithBrowser, signIn } from '../support/browser';
import { oneTaskProcess, uniqueProcessId } from '../support/bpmn';
import { processWithForm } from '../support/forms';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

const describeInBrowser = browserAvailable() ? describe : describe.skip;

const formId = 'building-permit-review';

/** A form-js form: the applicant's name (prefilled from the instance) and a required review opinion. */
const reviewForm = {
  type: 'default',
  id: formId,
  schemaVersion: 19,
  components: [
    { id: 'Field_applicant', type: 'textfield', key: 'applicantName', label: '신청인 이름' },
    { id: 'Field_opinion', type: 'textarea', key: 'opinion', label: '검토 의견', validate: { required: true } },
    { id: 'Field_area', type: 'number', key: 'floorArea', label: '연면적(㎡)' },
  ],
};

function reviewProcess(processId: string): string {
  return processWithForm(processId, formId, { id: 'review', name: 'Review permit' });
}

describeInBrowser('task forms in the browser', () => {
  let stack: TestStack;
  let baseUrl: string;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    stack = await startTestStack();
    ({ baseUrl, browser, close: closeBrowser } = await serveWithBrowser(stack.app));
  });

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  it('completes a task through its deployed form: prefilled, required field enforced, values stored', async () => {
    const processId = uniqueProcessId('permit-review');
    const analyst = await stack.login('analyst1');
    await request(stack.app)
      .post('/api/deployments')
      .set({ Authorization: `Bearer ${analyst}` })
      .attach('resource', Buffer.from(reviewProcess(processId)), `${processId}.bpmn`)
      .attach('resource', Buffer.from(JSON.stringify(reviewForm)), `${formId}.form`)
      .expect(201);

    const clerk = await stack.login('clerk1');
    const started = await request(stack.app)
      .post('/api/process-instances')
      .set({ Authorization: `Bearer ${clerk}` })
      .send({ processId, businessKey: 'FORM-2026-0001', variables: { applicantName: '홍길동' } })
      .expect(201);
    const instanceId = (started.body as { id: string }).id;
    const task = await eventually(
      () =>
        stack.prisma.userTask.findFirst({ where: { processInstanceId: instanceId } }).then((row) => row ?? undefined),
      { what: 'the task row' },
    );

    const page = await browser.newPage();
    await signIn(page, baseUrl, 'clerk1', PASSWORD);
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    await page.goto(`${baseUrl}/#/tasks/${task.id}`);
    await page.getByRole('heading', { name: 'Review permit' }).waitFor();

    const applicant = page.getByLabel('신청인 이름');
    await expect(applicant.inputValue()).resolves.toBe('홍길동');
    const opinion = page.getByLabel('검토 의견');
    await opinion.waitFor();

    await page.getByRole('button', { name: '완료' }).click();
    await page.getByText('Field is required.').waitFor();
    await expect(opinion.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/bps-task-form-required.png` });
    expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe('CREATED');

    await opinion.fill('건축선 후퇴 확인, 허가 가능');
    await page.getByLabel('연면적(㎡)').fill('132.5');
    await page.getByRole('button', { name: '완료' }).click();
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();

    const instance = await eventually(
      async () => {
        const row = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
        return row.state === 'COMPLETED' ? row : undefined;
      },
      { what: 'the instance to complete' },
    );
    expect(instance.variables).toMatchObject({
      applicantName: '홍길동',
      opinion: '건축선 후퇴 확인, 허가 가능',
      floorArea: 132.5,
    });
  });

  it('shows no approval record for a documentId the person may not read, and no error either', async () => {
    const processId = uniqueProcessId('unrelated-document-id');
    const analyst = await stack.login('analyst1');
    await request(stack.app)
      .post('/api/deployments')
      .set({ Authorization: `Bearer ${analyst}` })
      .attach('resource', Buffer.from(oneTaskProcess(processId)), `${processId}.bpmn`)
      .expect(201);
    const clerk = await stack.login('clerk1');
    const started = await request(stack.app)
      .post('/api/process-instances')
      .set({ Authorization: `Bearer ${clerk}` })
      // Another process's id under the name the approval card looks for: no document clerk1 may read.
      .send({ processId, variables: { documentId: randomUUID() } })
      .expect(201);
    const instanceId = (started.body as { id: string }).id;
    const task = await eventually(
      () =>
        stack.prisma.userTask.findFirst({ where: { processInstanceId: instanceId } }).then((row) => row ?? undefined),
      { what: 'the task row' },
    );

    const page = await browser.newPage();
    await signIn(page, baseUrl, 'clerk1', PASSWORD);
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    const lookedUp = page.waitForResponse((response) => response.url().includes('/api/approvals/'));
    await page.goto(`${baseUrl}/#/tasks/${task.id}`);
    await page.getByRole('heading', { name: 'Check' }).waitFor();
    expect((await lookedUp).status()).toBe(404);
    await page.getByRole('region', { name: '결재 기록 (문서관리카드 보고경로)' }).waitFor({ state: 'detached' });
    expect((await page.locator('.form-error').allInnerTexts()).join('')).toBe('');
    await page.close();
  });

  it('adds a field dragged from the form editor palette to the schema it returns', async () => {
    const page = await openEditorHarness(browser);
    const textField = page.locator('.fjs-palette-field[data-field-type="textfield"]');
    await expect(textField.innerText()).resolves.toBe('한 줄 입력');
    await expect(
      page.locator('.fjs-palette-group[data-group-id="basic-input"] .fjs-palette-group-title').innerText(),
    ).resolves.toBe('입력');

    await dragOnto(page, textField, page.locator('.fjs-empty-editor'));
    await page.locator('.fjs-editor-container .fjs-form-field-textfield').waitFor();
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/bps-form-editor.png` });

    const schema = await page.evaluate(() =>
      (window as unknown as HarnessWindow).formEditor.then((e) => e.getSchema()),
    );
    expect(schema).toMatchObject({ type: 'default', id: 'permit-form' });
    expect((schema as { components: { type: string; key?: string }[] }).components).toEqual([
      expect.objectContaining({ type: 'textfield', label: '한 줄 입력', key: expect.any(String) }),
    ]);
  });
});

interface HarnessWindow {
  formEditor: Promise<{ getSchema(): unknown }>;
}

/**
 * A page that holds only the form editor: the real form-editor module and its styles bundled by esbuild for the
 * test, served by the browser's request interception (no route in the app mounts the editor by itself).
 */
async function openEditorHarness(browser: Browser): Promise<Page> {
  const root = path.resolve(__dirname, '../..');
  const built = await esbuild.build({
    stdin: {
      contents: `
        import './modeler-ui/src/styles/forms.css';
        import { emptyFormSchema, mountFormEditor } from './modeler-ui/src/forms/form-editor';
        window.formEditor = mountFormEditor(document.getElementById('editor'), emptyFormSchema('permit-form'));`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    outdir: path.join(root, 'harness-out'),
    loader: { '.svg': 'file', '.png': 'file', '.woff2': 'file' },
    define: { 'process.env.NODE_ENV': '"development"' },
    // as in modeler-ui/build.ts: one preact for form-js's editor and viewer
    alias: { preact: path.dirname(require.resolve('preact/package.json')) },
    logLevel: 'silent',
  });
  const output = (ext: string) => built.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.route('http://harness.test/**', (route) => {
    const url = route.request().url();
    if (url.endsWith('.js')) return route.fulfill({ contentType: 'text/javascript', body: output('.js') });
    if (url.endsWith('.css')) return route.fulfill({ contentType: 'text/css', body: output('.css') });
    return route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="ko"><head><link rel="stylesheet" href="/h.css"></head>
        <body><div id="editor" style="height: 800px"></div><script type="module" src="/h.js"></script></body></html>`,
    });
  });
  await page.goto('http://harness.test/');
  await page.locator('.fjs-palette-field').first().waitFor();
  return page;
}

/** form-js's palette uses dragula, which follows real mouse moves; drag in small steps like a hand would. */
async function dragOnto(page: Page, source: ReturnType<Page['locator']>, target: ReturnType<Page['locator']>) {
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('drag: source or target not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 20 });
  await page.mouse.up();
}
