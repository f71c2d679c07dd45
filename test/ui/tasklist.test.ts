/**
 * The first web page in a real browser against the real stack: a civil servant logs in, finds the request in
 * their queue, opens it and approves it; the instance moves on. The Korean on it is drawn with the bundled
 * typeface (the test machine has no CJK font of its own).
 */
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { browserAvailable, fontsDrawing, KOREAN_TYPEFACE, serveWithBrowser, signIn } from '../support/browser';
import { demoApprovalXml } from '../support/bpmn';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

const describeInBrowser = browserAvailable() ? describe : describe.skip;

describeInBrowser('tasklist in the browser', () => {
  let stack: TestStack;
  let baseUrl: string;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    stack = await startTestStack();
    ({ baseUrl, browser, close: closeBrowser } = await serveWithBrowser(stack.app));
    const analyst = await stack.login('analyst1');
    await request(stack.app)
      .post('/api/deployments')
      .set({ Authorization: `Bearer ${analyst}` })
      .type('application/xml')
      .send(demoApprovalXml)
      .expect(201);
  });

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  it('says in Korean that a wrong password is wrong, and signs nobody in', async () => {
    const page = await browser.newPage();
    await signIn(page, baseUrl, 'clerk1', 'not-the-password');
    const error = page.locator('.form-error');
    await error.filter({ hasText: /\S/ }).waitFor();
    expect(await error.textContent()).toBe('아이디 또는 비밀번호가 올바르지 않습니다.');
    expect(await page.getByLabel('비밀번호').inputValue()).toBe('');
    expect(await page.getByRole('heading', { name: '내 업무 목록' }).count()).toBe(0);
    await page.close();
  });

  it('logs in, opens the task from the queue and approves it', async () => {
    const clerk = await stack.login('clerk1');
    const started = await request(stack.app)
      .post('/api/process-instances')
      .set({ Authorization: `Bearer ${clerk}` })
      .send({
        processId: 'demo-approval',
        businessKey: 'UI-2026-0001',
        variables: { applicantEmail: 'ui@citizen.example.kr' },
      })
      .expect(201);
    const instanceId = (started.body as { id: string }).id;
    await eventually(
      () =>
        stack.prisma.userTask.findFirst({ where: { processInstanceId: instanceId } }).then((row) => row ?? undefined),
      { what: 'the task row' },
    );

    const page = await browser.newPage();
    const outsideRequests: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(baseUrl) && !req.url().startsWith('data:')) outsideRequests.push(req.url());
    });
    await signIn(page, baseUrl, 'clerk1', PASSWORD);

    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    const hangulFaces = await page.evaluate(async (family) => {
      await document.fonts.ready;
      const faces = await document.fonts.load(`16px "${family}"`, '결재');
      return faces.map((face) => face.status);
    }, KOREAN_TYPEFACE);
    expect(hangulFaces).not.toHaveLength(0);
    expect(hangulFaces.filter((status) => status !== 'loaded')).toEqual([]);
    expect(await fontsDrawing(page, 'h1')).toEqual([{ familyName: KOREAN_TYPEFACE, isCustomFont: true }]);

    const row = page.getByRole('row').filter({ hasText: 'UI-2026-0001' });
    await row.getByRole('link', { name: 'Review request' }).click();
    await page.getByRole('heading', { name: 'Review request' }).waitFor();
    await page.getByLabel('의견').fill('화면에서 승인');
    await page.getByRole('button', { name: /승인/ }).click();
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/bps-tasklist-after-approve.png` });

    const instance = await eventually(
      async () => {
        const row = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
        return row.state === 'COMPLETED' ? row : undefined;
      },
      { what: 'the instance to complete' },
    );
    expect(instance.endElementId).toBe('request-approved');
    expect(instance.variables).toMatchObject({ approved: true, comment: '화면에서 승인' });
    expect(await page.getByText('UI-2026-0001').count()).toBe(0);
    expect(outsideRequests).toEqual([]);
  });
});
