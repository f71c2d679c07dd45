/**
 * The modeler pages in a real browser against the real stack: a deployment the server refuses is drawn on the
 * offending element and changes nothing; comparing two versions lists exactly the elements that changed; the
 * modeler opens a deployed process fast enough; people who may not model get a read-only viewer.
 */
import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import request from 'supertest';
import { browserAvailable, serveWithBrowser, signIn as signInAt } from '../support/browser';
import { bpmn, flow, taskDefinition, uniqueProcessId } from '../support/bpmn';
import { deploy } from '../support/instances';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';

const describeInBrowser = browserAvailable() ? describe : describe.skip;
const shots = process.env.SCREENSHOT_DIR ?? '/tmp';

/** start → user task → end, or with a service task between the task and the end. */
function approvalXml(processId: string, taskName: string, withNotice: boolean): string {
  const userTask = `<bpmn:userTask id="review" name="${taskName}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" /></bpmn:extensionElements></bpmn:userTask>`;
  const tail = withNotice
    ? `${flow('f2', 'review', 'notify')}<bpmn:serviceTask id="notify" name="Notify">${taskDefinition('send-email')}</bpmn:serviceTask>${flow('f3', 'notify', 'end')}`
    : flow('f2', 'review', 'end');
  return bpmn(
    `<bpmn:startEvent id="start" />${flow('f1', 'start', 'review')}${userTask}${tail}<bpmn:endEvent id="end" />`,
    processId,
  );
}

describeInBrowser('the modeler in the browser', () => {
  let stack: TestStack;
  let baseUrl: string;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const processId = uniqueProcessId('ui-modeler');
  const draftProcessId = uniqueProcessId('ui-draft');
  const formProcessId = uniqueProcessId('ui-form');

  beforeAll(async () => {
    stack = await startTestStack();
    ({ baseUrl, browser, close: closeBrowser } = await serveWithBrowser(stack.app));
    await deploy(stack, approvalXml(processId, 'Review', false));
    await deploy(stack, approvalXml(processId, 'Review twice', true));
    await deploy(stack, approvalXml(draftProcessId, 'Review', false));
    await deploy(stack, approvalXml(formProcessId, 'Review', false));
  });

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  async function signIn(username: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
    await signInAt(page, baseUrl, username, PASSWORD);
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    return page;
  }

  async function openModeler(page: Page, path: string): Promise<void> {
    await page.goto(`${baseUrl}/#${path}`);
    await page.locator('.modeler__canvas[data-ready="true"]').waitFor();
  }

  async function exportedXml(page: Page): Promise<string> {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '.bpmn 내보내기' }).click(),
    ]);
    return readFile(await download.path(), 'utf8');
  }

  it('marks the element the server refuses on deploy, lists the issue, and keeps the diagram as it was', async () => {
    // given an analyst who imports a diagram whose service task has no job type
    const refusedId = uniqueProcessId('ui-refused');
    const xml = bpmn(
      `<bpmn:startEvent id="start" />${flow('f1', 'start', 'charge-fee')}
       <bpmn:serviceTask id="charge-fee" name="Charge fee" />${flow('f2', 'charge-fee', 'end')}<bpmn:endEvent id="end" />`,
      refusedId,
    );
    const page = await signIn('analyst1');
    await openModeler(page, '/modeler?template=blank');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: `${refusedId}.bpmn`, mimeType: 'application/xml', buffer: Buffer.from(xml) });
    await page
      .getByRole('status')
      .filter({ hasText: `${refusedId}.bpmn` })
      .waitFor();
    const before = await exportedXml(page);

    // when they deploy
    await page.getByRole('button', { name: '배포', exact: true }).click();

    // then the service task is marked on the canvas with the server's message beside it, and the issue is listed
    const marked = page.locator('.djs-element.bps-deploy-error');
    await marked.first().waitFor();
    expect(await marked.evaluateAll((els) => els.map((el) => el.getAttribute('data-element-id')))).toEqual([
      'charge-fee',
    ]);
    await expect(page.locator('.bps-deploy-error__overlay').innerText()).resolves.toContain('job type');
    const alert = page.getByRole('alert').filter({ hasText: '배포하지 않았습니다' });
    await expect(alert.locator('li').allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^charge-fee: .*job type/),
    ]);
    await page.screenshot({ path: `${shots}/modeler-deploy-error.png` });

    // and nothing was deployed, and the diagram is exactly as before
    expect(await stack.prisma.processDefinition.count({ where: { bpmnProcessId: refusedId } })).toBe(0);
    expect(await exportedXml(page)).toBe(before);
    await page.close();
  });

  it('lists exactly the elements that changed between two versions and marks them on both canvases', async () => {
    const page = await signIn('analyst1');
    await page.goto(`${baseUrl}/#/modeler/${processId}/compare?left=1&right=2`);
    await page.locator('.compare__table').waitFor();

    const rows = await page
      .locator('.compare__row')
      .evaluateAll((els) =>
        els.map((el) => [(el as HTMLElement).dataset['elementId'], (el as HTMLElement).dataset['kind']]),
      );
    expect(rows).toEqual([
      ['f2', 'changed'],
      ['f3', 'added'],
      ['notify', 'added'],
      ['review', 'changed'],
    ]);
    await expect(page.locator('.compare__row[data-element-id="review"]').innerText()).resolves.toContain(
      'name: Review → Review twice',
    );
    await expect(page.locator('.compare__row[data-element-id="f2"]').innerText()).resolves.toContain(
      'targetRef: end → notify',
    );

    const marks = (side: string) =>
      page
        .locator(`.compare__canvas[data-side="${side}"] .djs-element[class*="bps-diff-"]`)
        .evaluateAll((els) =>
          els
            .map(
              (el) =>
                `${el.getAttribute('data-element-id')} ${/bps-diff-(\w+)/.exec(el.getAttribute('class') ?? '')?.[1]}`,
            )
            .sort(),
        );
    await expect(marks('left')).resolves.toEqual(['f2 changed', 'review changed']);
    await expect(marks('right')).resolves.toEqual(['f2 changed', 'f3 added', 'notify added', 'review changed']);
    await page.screenshot({ path: `${shots}/modeler-compare.png`, fullPage: true });
    await page.close();
  });

  it('opens a deployed process in the modeler within 2 seconds of navigation start', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 } });
    const login = await context.newPage();
    await signInAt(login, baseUrl, 'analyst1', PASSWORD);
    await login.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    // A fresh document, so that the measurement starts at this navigation.
    const page = await context.newPage();
    await page.goto(`${baseUrl}/#/modeler/${processId}`);
    await page.locator('.modeler__canvas[data-ready="true"]').waitFor();
    const readyMs = await page.evaluate(() => performance.getEntriesByName('bps-modeler-ready')[0]?.startTime ?? NaN);
    console.log(`modeler page: navigation start → canvas ready in ${Math.round(readyMs)} ms`);
    expect(readyMs).toBeLessThan(2000);
    await expect(page.locator('.djs-palette').count()).resolves.toBe(1);
    await expect(page.locator('.djs-element[data-element-id="notify"]').count()).resolves.toBe(1);
    await page.screenshot({ path: `${shots}/modeler-open.png` });
    await context.close();
  });

  it('lists every process with its versions and opens a chosen version in the modeler', async () => {
    const page = await signIn('analyst1');
    await page.getByRole('navigation').getByRole('link', { name: '프로세스' }).click();
    const card = page.locator(`.process-card[data-process-id="${processId}"]`);
    await card.waitFor();
    await expect(
      card.locator('tbody tr').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset['version'])),
    ).resolves.toEqual(['2', '1']);
    await page.screenshot({ path: `${shots}/modeler-processes.png`, fullPage: true });

    await card.getByRole('link', { name: 'v1 열기' }).click();
    await page.locator('.modeler__canvas[data-ready="true"]').waitFor();
    await expect(page.locator('.djs-element[data-element-id="notify"]').count()).resolves.toBe(0);
    await expect(page.getByText('배포된 v1을 보고 있습니다').isVisible()).resolves.toBe(true);
    await page.close();
  });

  it("keeps an unsaved change through a reload as the analyst's draft, until they discard it", async () => {
    // given an analyst who changes a deployed process (here: imports a new version of it) and reloads at once
    const page = await signIn('analyst1');
    await openModeler(page, `/modeler/${draftProcessId}`);
    const changed = approvalXml(draftProcessId, 'Review', true);
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'changed.bpmn', mimeType: 'application/xml', buffer: Buffer.from(changed) });
    await page.getByRole('status').filter({ hasText: 'changed.bpmn' }).waitFor();
    await page.reload();
    await page.locator('.modeler__canvas[data-ready="true"]').waitFor();

    // then the page says it opened the draft, with the change in it
    await expect(page.getByText('배포하지 않은 초안을 열었습니다').isVisible()).resolves.toBe(true);
    await expect(page.locator('.djs-element[data-element-id="notify"]').count()).resolves.toBe(1);

    // when they discard the draft, the deployed latest version is shown again
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '초안 버리기' }).click();
    await page.getByText('배포된 v1을 보고 있습니다').waitFor();
    await expect(page.locator('.djs-element[data-element-id="notify"]').count()).resolves.toBe(0);
    await page.close();
  });

  it('designs a form for a user task, links it to the task and deploys it with the process', async () => {
    const page = await signIn('analyst1');
    await openModeler(page, `/modeler/${formProcessId}`);
    const designForm = page.getByRole('button', { name: '양식 설계' });
    await expect(designForm.isDisabled()).resolves.toBe(true);

    // when the analyst selects the user task, designs its form and saves it
    await page.locator('.djs-element[data-element-id="review"]').click();
    await designForm.click();
    const dialog = page.getByRole('dialog', { name: `양식 설계: ${formProcessId}-review` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '양식 저장' }).click();
    await dialog.waitFor({ state: 'detached' });

    // and deploys
    await page.getByRole('button', { name: '배포', exact: true }).click();
    await page.getByText(`${formProcessId} v2을(를) 배포했습니다`).waitFor();

    // then the form was deployed with the process, and the new version's task names it
    const token = await stack.login('analyst1');
    const form = await request(stack.app)
      .get(`/api/forms/${formProcessId}-review`)
      .set({ Authorization: `Bearer ${token}` });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ formId: `${formProcessId}-review`, version: 1 });
    const definition = await stack.prisma.processDefinition.findFirstOrThrow({
      where: { bpmnProcessId: formProcessId, version: 2 },
    });
    expect(definition.xml).toContain(`<zeebe:formDefinition formId="${formProcessId}-review" />`);
    await page.close();
  });

  it('shows a civil servant the diagram read-only: no palette, no properties panel, no deploy', async () => {
    const page = await signIn('clerk1');
    await openModeler(page, `/modeler/${processId}`);
    await expect(page.locator('.djs-element[data-element-id="review"]').count()).resolves.toBe(1);
    await expect(page.locator('.djs-palette').count()).resolves.toBe(0);
    await expect(page.locator('.bio-properties-panel').count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: '배포', exact: true }).count()).resolves.toBe(0);
    await expect(page.getByText('읽기 전용입니다').isVisible()).resolves.toBe(true);
    await page.close();
  });
});
