/**
 * Delegation in the browser: a clerk filters the queue to one process, opens a task with its form, attaches a file,
 * comments and delegates to a colleague; the colleague fills the form and hands it back; the clerk finds the form
 * filled with what came back and completes the task.
 */
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { browserAvailable, fontsDrawing, KOREAN_TYPEFACE, serveWithBrowser, signIn } from '../support/browser';
import { oneTaskProcess, uniqueProcessId } from '../support/bpmn';
import { processWithForm } from '../support/forms';
import { deploy } from '../support/instances';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

const describeInBrowser = browserAvailable() ? describe : describe.skip;
const screenshots = process.env.SCREENSHOT_DIR ?? '/tmp';

const formId = 'site-inspection';
const inspectionForm = {
  type: 'default',
  id: formId,
  schemaVersion: 19,
  components: [{ id: 'Field_summary', type: 'textfield', key: 'inspectionSummary', label: '현장 점검 요약' }],
};

function inspectionProcess(processId: string): string {
  return processWithForm(processId, formId, { id: 'inspect', name: '현장 점검' });
}

describeInBrowser('delegating a task in the browser', () => {
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

  async function startInstance(processId: string, businessKey: string): Promise<string> {
    const clerk = await stack.login('clerk1');
    const started = await request(stack.app)
      .post('/api/process-instances')
      .set({ Authorization: `Bearer ${clerk}` })
      .send({ processId, businessKey })
      .expect(201);
    const instanceId = (started.body as { id: string }).id;
    await eventually(
      () =>
        stack.prisma.userTask.findFirst({ where: { processInstanceId: instanceId } }).then((row) => row ?? undefined),
      { what: `the task of ${businessKey}` },
    );
    return instanceId;
  }

  async function signedIn(username: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, baseUrl, username, PASSWORD);
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    return page;
  }

  it('filters, attaches, comments, delegates; the delegate hands back; the clerk completes', async () => {
    const processId = uniqueProcessId('inspection');
    const analyst = await stack.login('analyst1');
    await request(stack.app)
      .post('/api/deployments')
      .set({ Authorization: `Bearer ${analyst}` })
      .attach('resource', Buffer.from(inspectionProcess(processId)), `${processId}.bpmn`)
      .attach('resource', Buffer.from(JSON.stringify(inspectionForm)), `${formId}.form`)
      .expect(201);
    const otherProcessId = uniqueProcessId('other');
    await deploy(stack, oneTaskProcess(otherProcessId));
    const instanceId = await startInstance(processId, 'INSP-2026-0001');
    await startInstance(otherProcessId, 'OTHER-2026-0001');

    // The clerk narrows the queue to the inspection process.
    const clerk = await signedIn('clerk1');
    await clerk.getByText('OTHER-2026-0001').waitFor();
    await clerk.getByText('검색 조건').click();
    await clerk.getByLabel('프로세스 ID').fill(processId);
    await clerk.getByRole('button', { name: '검색', exact: true }).click();
    await clerk.getByText('OTHER-2026-0001').waitFor({ state: 'detached' });
    const row = clerk.getByRole('row').filter({ hasText: 'INSP-2026-0001' });
    await clerk.screenshot({ path: `${screenshots}/bps-queue-filtered.png` });
    expect(await fontsDrawing(clerk, '.queue-tabs__tab')).toEqual([
      { familyName: KOREAN_TYPEFACE, isCustomFont: true },
    ]);

    // It opens the task with its form, claims it, attaches a file and comments.
    await row.getByRole('link', { name: '현장 점검' }).click();
    await clerk.getByRole('heading', { name: '현장 점검' }).waitFor();
    await clerk.getByRole('button', { name: '내가 처리하기' }).click();
    await clerk.getByLabel('현장 점검 요약').waitFor();
    await clerk.getByLabel('첨부할 파일').setInputFiles({
      name: '점검 사진.png',
      mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
    });
    await clerk.getByRole('button', { name: '파일 올리기' }).click();
    await clerk.getByRole('link', { name: '점검 사진.png' }).waitFor();
    await clerk.getByLabel('댓글 내용').fill('현장 확인을 부탁드립니다.');
    await clerk.getByRole('button', { name: '댓글 등록' }).click();
    await clerk.locator('.task-notes__text', { hasText: '현장 확인을 부탁드립니다.' }).waitFor();

    // It delegates to a colleague and waits for the task to come back.
    await clerk.getByLabel('위임받을 사람 (아이디)').fill('clerk3');
    await clerk.getByRole('button', { name: '위임하기' }).click();
    await clerk.getByText('clerk3 님에게 위임한 업무입니다.', { exact: false }).waitFor();
    await clerk.screenshot({ path: `${screenshots}/bps-task-delegated.png`, fullPage: true });
    const task = await stack.prisma.userTask.findFirstOrThrow({ where: { processInstanceId: instanceId } });
    expect(task).toMatchObject({ assignee: 'clerk3', owner: 'clerk1', delegationState: 'PENDING' });

    // The colleague finds it among their own tasks, fills the form and hands it back.
    const colleague = await signedIn('clerk3');
    await colleague.getByRole('tab', { name: '내 업무' }).click();
    await colleague
      .getByRole('row')
      .filter({ hasText: 'INSP-2026-0001' })
      .getByRole('link', { name: '현장 점검' })
      .click();
    await colleague.getByText('clerk1 님이 위임한 업무입니다.', { exact: false }).waitFor();
    await colleague.locator('.task-notes__text', { hasText: '현장 확인을 부탁드립니다.' }).waitFor();
    await colleague.getByLabel('현장 점검 요약').fill('균열 없음, 배수 양호');
    await colleague.getByRole('button', { name: '처리 내용 돌려주기' }).click();
    await colleague.getByText('업무를 clerk1 님에게 돌려주었습니다.').waitFor();

    // Back with the clerk: the form holds what came back, and completing closes the task.
    await clerk.reload();
    const summary = clerk.getByLabel('현장 점검 요약');
    await summary.waitFor();
    await eventually(async () => ((await summary.inputValue()) === '균열 없음, 배수 양호' ? true : undefined), {
      what: 'the handed-back value in the form',
    });
    await clerk.getByRole('button', { name: '완료' }).click();
    await clerk.getByRole('heading', { name: '내 업무 목록' }).waitFor();

    const instance = await eventually(
      async () => {
        const found = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
        return found.state === 'COMPLETED' ? found : undefined;
      },
      { what: 'the instance to complete' },
    );
    expect(instance.variables).toMatchObject({ inspectionSummary: '균열 없음, 배수 양호' });
    const closed = await stack.prisma.userTask.findUniqueOrThrow({
      where: { id: task.id },
      include: { comments: true, attachments: true },
    });
    expect(closed).toMatchObject({ state: 'COMPLETED', completedBy: 'clerk1', delegationState: 'RESOLVED' });
    expect(closed.comments.map((comment) => [comment.author, comment.text])).toEqual([
      ['clerk1', '현장 확인을 부탁드립니다.'],
    ]);
    expect(closed.attachments.map((attachment) => attachment.fileName)).toEqual(['점검 사진.png']);
  });
});
