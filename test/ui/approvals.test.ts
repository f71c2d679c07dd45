/**
 * 결재 상신 in a real browser: clerk1 builds a line of a reviewer, a cooperator and an approver on #/approvals/new,
 * sets retention and disclosure, submits, lands on the document with its record and records metadata and finds it in
 * their documents; the reviewer sees that record beside their task.
 */
import { deployReferenceProcesses } from '../../scripts/seed';
import { browserAvailable, browserSuite, fontsDrawing, KOREAN_TYPEFACE } from '../support/browser';
import { eventually } from '../support/wait';

const describeInBrowser = browserAvailable() ? describe : describe.skip;

describeInBrowser('drafting an approval line in the browser', () => {
  const suite = browserSuite({ prepare: (stack) => deployReferenceProcesses(stack.deps) });

  it('submits a line of a reviewer, a cooperator and an approver, and shows its record to the drafter and the reviewer', async () => {
    const page = await suite.signedIn('clerk1');
    await page.getByRole('link', { name: '결재', exact: true }).click();
    await page.getByRole('heading', { name: '결재 문서함', level: 1 }).waitFor();
    await page.getByRole('link', { name: '결재 상신' }).click();
    await page.getByRole('heading', { name: '결재 상신', level: 1 }).waitFor();

    await page.getByLabel('제목').fill('청사 안내판 교체 계획 보고');
    await page.getByLabel('본문').fill('노후 안내판을 교체하고자 보고합니다.');
    await page.getByRole('button', { name: '검토자 추가' }).click();
    await page
      .getByLabel('검토자 (순차) 1')
      .selectOption({ label: '정팀장 (Team Lead One) · 팀장 · 민원봉사과 (Civil Affairs)' });
    await page.getByRole('button', { name: '협조자 추가' }).click();
    await page
      .getByLabel('협조자 1')
      .selectOption({ label: '윤기획 (Planner One) · 과장 · 기획예산과 (Planning and Budget)' });
    await page.getByLabel('병렬 협조 (동시에)').check();
    await page.getByLabel('보존기간').selectOption({ label: '5년' });
    await page.getByLabel('공개 구분').selectOption({ label: '부분공개' });
    await page.getByLabel('제6호').check();
    await page
      .getByLabel('결재권자', { exact: true })
      .selectOption({ label: '강국장 (Director One) · 국장 · 행정국 (Administration Bureau)' });
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/bps-approval-new.png`, fullPage: true });
    await page.getByRole('button', { name: '상신' }).click();

    await page.getByRole('heading', { name: '청사 안내판 교체 계획 보고', level: 1 }).waitFor();
    const rows = page.locator('table.approval-record tbody tr');
    await rows.nth(2).waitFor();
    expect(await rows.allInnerTexts()).toEqual([
      expect.stringMatching(/검토\s+정팀장 \(Team Lead One\) \(팀장\)[\s\S]*대기/),
      expect.stringMatching(/협조\s+윤기획 \(Planner One\) \(과장\)[\s\S]*대기/),
      expect.stringMatching(/결재\s+강국장 \(Director One\) \(국장\)[\s\S]*대기/),
    ]);
    const records = page.getByRole('region', { name: '기록물 정보' });
    expect(await records.innerText()).toMatch(
      /처리과\s+민원봉사과[\s\S]*생산등록번호\s+—[\s\S]*보존기간\s+5년[\s\S]*공개 구분\s+부분공개 \(제6호\)/,
    );
    expect(await fontsDrawing(page, 'h1')).toEqual([{ familyName: KOREAN_TYPEFACE, isCustomFont: true }]);
    await page.screenshot({
      path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/bps-approval-submitted.png`,
      fullPage: true,
    });

    await page.getByRole('link', { name: '← 결재 문서함으로' }).click();
    await page
      .getByRole('region', { name: '내가 기안한 문서' })
      .getByRole('link', { name: '청사 안내판 교체 계획 보고' })
      .waitFor();

    const document = await suite.stack.prisma.approvalDocument.findFirstOrThrow({
      where: { title: '청사 안내판 교체 계획 보고' },
      include: { steps: { orderBy: { order: 'asc' } } },
    });
    expect(document).toMatchObject({
      cooperation: 'parallel',
      state: 'IN_PROGRESS',
      retention: 'YEARS_5',
      disclosure: 'PARTIAL',
      nonDisclosureGrounds: [6],
    });
    expect(document.steps.map((step) => step.kind)).toEqual(['REVIEW', 'COOPERATE', 'APPROVE']);

    const review = await eventually(
      () =>
        suite.stack.prisma.userTask
          .findFirst({ where: { processInstanceId: document.processInstanceId ?? '', assignee: 'lead1' } })
          .then((row) => row ?? undefined),
      { what: "lead1's review task" },
    );
    const reviewer = await suite.signedIn('lead1');
    await reviewer.goto(`${suite.baseUrl}/#/tasks/${review.id}`);
    const record = reviewer.getByRole('region', { name: '결재 기록 (문서관리카드 보고경로)' });
    await record.locator('tbody tr').nth(2).waitFor();
    expect(await record.locator('tbody tr').count()).toBe(3);
    await reviewer.close();
    await page.close();
  });
});
