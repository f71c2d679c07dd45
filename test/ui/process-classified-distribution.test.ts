/**
 * The classified distribution walked through the web app, each role signed in as themselves: lead1 drafts a II급
 * document on #/classified/new, director1 approves it from the queue, lead1 chooses the channel, docclerk1 logs the
 * receipt and hands the copy to planner1, who reads and signs; then the security officer's reading records list the
 * handler; the BPR analyst opens the model. Screenshots go to test/artifacts/classified-distribution/.
 */
import type { Page } from 'playwright-core';
import { deployReferenceProcesses } from '../../scripts/seed';
import { browserAvailable, browserSuite, fontsDrawing, KOREAN_TYPEFACE, screenshotter } from '../support/browser';
import { eventually } from '../support/wait';

jest.setTimeout(180_000);

const describeInBrowser = browserAvailable() ? describe : describe.skip;
const TITLE = '비상대비 자원관리 계획';

describeInBrowser('classified distribution in the browser', () => {
  const suite = browserSuite({ prepare: (stack) => deployReferenceProcesses(stack.deps) });

  const screenshot = screenshotter('classified-distribution', { numbered: true });

  /** Finds the task in the queue (reloading until it arrives), opens it and waits for its form. */
  async function openTask(page: Page, name: string): Promise<void> {
    const link = page.getByRole('link', { name });
    await eventually(
      async () => {
        await page.reload();
        await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
        return (await link.count()) > 0 ? true : undefined;
      },
      { what: `the task '${name}' in the queue` },
    );
    await link.first().click();
    await page.getByRole('heading', { name }).waitFor();
  }

  async function complete(page: Page): Promise<void> {
    await page.getByRole('button', { name: '완료' }).click();
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
  }

  it('drafts, approves, dispatches, receives, hands over within the hour, reads and signs', async () => {
    const drafter = await suite.signedIn('lead1');
    await drafter.getByRole('link', { name: '비밀 기안' }).click();
    await drafter.getByRole('heading', { name: '비밀문서 기안 (배부)', level: 1 }).waitFor();
    await drafter.getByLabel('제목').fill(TITLE);
    await drafter.getByLabel('본문').fill('비상시 동원 자원의 관리 계획을 다음과 같이 배부합니다.');
    await drafter.getByLabel('비밀 등급').selectOption({ label: 'II급비밀' });
    await drafter.getByLabel('예고문 일자').fill('2031-12-31');
    await drafter.getByLabel('예고문 조치').selectOption({ label: 'III급비밀(으)로 재분류' });
    await drafter.getByLabel('기획예산과 (Planning and Budget)').check();
    await drafter
      .getByLabel('결재권자', { exact: true })
      .selectOption({ label: '강국장 (Director One) · 국장 · 행정국 (Administration Bureau)' });
    expect(await fontsDrawing(drafter, 'h1')).toEqual([{ familyName: KOREAN_TYPEFACE, isCustomFont: true }]);
    await screenshot(drafter, 'draft');
    await drafter.getByRole('button', { name: '기안하여 상신' }).click();
    await drafter.getByText('비밀문서를 기안했습니다.').waitFor();
    const instance = await suite.stack.prisma.processInstance.findFirstOrThrow({
      where: { bpmnProcessId: 'classified-distribution' },
    });
    expect(instance.classification).toBe('GRADE_II');

    const approver = await suite.signedIn('director1');
    await openTask(approver, '결재 (Approve the document)');
    await approver.getByLabel('승인 (Approve)').check();
    await screenshot(approver, 'approve');
    await complete(approver);

    await openTask(drafter, '발송 방법 선택 (Choose the dispatch channel)');
    await drafter.getByLabel('비밀 우편 (Secret mail)').check();
    await screenshot(drafter, 'dispatch');
    await complete(drafter);

    const clerk = await suite.signedIn('docclerk1');
    await openTask(clerk, '비밀 접수 (Log the receipt)');
    await clerk.getByLabel('사본을 접수했습니다 (I have received the copy)').check();
    await screenshot(clerk, 'receive');
    await complete(clerk);
    await openTask(clerk, '처리담당자 인계 (Hand over to a cleared handler)');
    await clerk.getByLabel('처리담당자 (Handler, username)').fill('planner1');
    await screenshot(clerk, 'hand-over');
    await complete(clerk);

    const handler = await suite.signedIn('planner1');
    await openTask(handler, '열람 및 서명 (Read and sign)');
    // The form shows the document itself (the variables table further down holds the same text once it loads).
    await handler
      .getByRole('paragraph')
      .filter({ hasText: '비상시 동원 자원의 관리 계획을 다음과 같이 배부합니다.' })
      .waitFor();
    await handler.getByLabel('열람하고 서명합니다 (I have read it and sign for it)').check();
    await screenshot(handler, 'read-and-sign');
    await complete(handler);

    const receipt = await eventually(async () => {
      const row = await suite.stack.prisma.classifiedReceipt.findFirst({ where: { instanceId: instance.id } });
      return row?.signedAt ? row : undefined;
    });
    expect(receipt.handoverDueAt!.getTime()).toBeGreaterThan(receipt.handedAt!.getTime());
    expect(receipt.escalatedAt).toBeNull();

    const officer = await suite.signedIn('security1');
    await officer.getByRole('link', { name: '보안' }).click();
    await officer.getByRole('heading', { name: '보안 관리', level: 1 }).waitFor();
    await screenshot(officer, 'security');
    const readers = await suite.stack.prisma.readingRecord.findMany({ where: { instanceId: instance.id } });
    expect(readers.map((row) => row.reader)).toEqual(expect.arrayContaining(['docclerk1', 'planner1']));
    for (const page of [drafter, approver, clerk, handler, officer]) await page.close();
  });

  it('opens in the modeler for the BPR analyst, every shape drawn', async () => {
    const analyst = await suite.signedIn('analyst1');
    await analyst.goto(`${suite.baseUrl}/#/modeler/classified-distribution`);
    await analyst.locator('.modeler__canvas[data-ready="true"]').waitFor();
    await analyst.locator('.djs-element[data-element-id="deliveries"]').waitFor();
    expect(await analyst.locator('.djs-shape').count()).toBeGreaterThanOrEqual(25);
    await screenshot(analyst, 'modeler');
    await analyst.close();
  });
});
