/**
 * Document approval through the web app, as the roles play it (processes/document-approval/README.md): clerk1 drafts
 * with a recipient unit, another agency, a task code and a file; lead1 reviews; director1 approves; the document is
 * dispatched; the planning unit's document clerk receives and distributes it; the unit head sets the 공람 due day; the
 * handler picks a 공람 reader; the reader reads; the card shows the path. Screenshots go to
 * test/artifacts/document-approval/.
 */
import type { Page } from 'playwright-core';
import { deployReferenceProcesses } from '../../scripts/seed';
import {
  browserAvailable,
  browserSuite,
  claimIfOffered,
  fontsDrawing,
  KOREAN_TYPEFACE,
  screenshotter,
} from '../support/browser';
import { mailTo } from '../support/mail';
import { eventually } from '../support/wait';

const describeInBrowser = browserAvailable() ? describe : describe.skip;
const TITLE = '2027년 청사 에너지 절감 계획';

jest.setTimeout(180_000);

describeInBrowser('document approval in the browser', () => {
  const suite = browserSuite({ prepare: (stack) => deployReferenceProcesses(stack.deps) });

  const shot = screenshotter('document-approval');

  /** Finds the task in the person's queue by its name and opens it, claiming a unit's task first. */
  async function openFromQueue(page: Page, taskName: string): Promise<void> {
    const link = page.getByRole('link', { name: taskName });
    await eventually(
      async () => {
        await page.reload();
        await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
        return (await link.count()) > 0 || undefined;
      },
      { what: `${taskName} in the queue` },
    );
    await link.first().click();
    await claimIfOffered(page);
  }

  async function completeTask(page: Page): Promise<void> {
    await page.getByRole('button', { name: '완료' }).click();
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
  }

  it('drafts, approves, dispatches, receives, distributes and reads a document, and shows it on the card', async () => {
    const drafter = await suite.signedIn('clerk1');
    await drafter.getByRole('link', { name: '결재', exact: true }).click();
    await drafter.getByRole('link', { name: '결재 상신' }).click();
    await drafter.getByRole('heading', { name: '결재 상신', level: 1 }).waitFor();
    await drafter.getByLabel('제목').fill(TITLE);
    await drafter.getByLabel('본문').fill('청사 조명을 고효율 설비로 교체하고자 합니다.');
    await drafter.getByLabel('과제 (BRM 단위과제)').fill('BRM-2100-03');
    await drafter.getByLabel('첨부 파일').setInputFiles({
      name: '교체목록.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('1층 조명 40개\n'),
    });
    await drafter.getByRole('button', { name: '검토자 추가' }).click();
    await drafter
      .getByLabel('검토자 (순차) 1')
      .selectOption({ label: '정팀장 (Team Lead One) · 팀장 · 민원봉사과 (Civil Affairs)' });
    await drafter.getByLabel('보존기간').selectOption({ label: '5년' });
    await drafter
      .getByLabel('결재권자', { exact: true })
      .selectOption({ label: '강국장 (Director One) · 국장 · 행정국 (Administration Bureau)' });
    await drafter.getByLabel('기획예산과 (Planning and Budget)').check();
    await drafter.getByRole('button', { name: '기관 추가' }).click();
    await drafter.getByLabel('기관명').fill('한국에너지공단');
    await drafter.getByLabel('전자우편 주소').fill('docs@energy.example.kr');
    await shot(drafter, '01-draft');
    await drafter.getByRole('button', { name: '상신' }).click();
    await drafter.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await drafter.getByRole('link', { name: '교체목록.txt' }).waitFor();
    expect(await fontsDrawing(drafter, 'h1')).toEqual([{ familyName: KOREAN_TYPEFACE, isCustomFont: true }]);
    await shot(drafter, '02-submitted');

    const reviewer = await suite.signedIn('lead1');
    await openFromQueue(reviewer, '문서 검토 (Review the document)');
    await reviewer.getByLabel('동의 (Agree)').check();
    await reviewer.getByLabel('의견 (Opinion)').fill('검토했습니다.');
    await shot(reviewer, '03-review');
    await completeTask(reviewer);

    const approver = await suite.signedIn('director1');
    await openFromQueue(approver, '결재 (Approve the document)');
    await approver.getByLabel('승인 (Approve)').check();
    await approver.getByLabel('의견 (Opinion)').fill('시행하세요.');
    await shot(approver, '04-approve');
    await completeTask(approver);

    await eventually(async () => (await mailTo('docs@energy.example.kr')).length === 1 || undefined, {
      what: 'the 시행문 mailed to the other agency',
    });
    await drafter.reload();
    const dispatchCard = drafter.getByRole('region', { name: '시행·접수 (문서관리카드 발송·접수)' });
    await dispatchCard.getByText('발송됨').nth(1).waitFor();
    await shot(drafter, '05-dispatched');

    const clerk = await suite.signedIn('docclerk1');
    await openFromQueue(clerk, '접수 (Receive)');
    await clerk.getByText(/생산등록번호 civil-affairs-1/).waitFor();
    await shot(clerk, '06-receive');
    await completeTask(clerk);
    await openFromQueue(clerk, '배부 (Distribute to a handler)');
    await clerk.getByText(/접수등록번호 planning-budget-1/).waitFor();
    // form-js draws its select as a dropdown list.
    await clerk.locator('.fjs-form-field-select .fjs-input-group').click();
    await clerk.locator('.fjs-dropdownlist-item', { hasText: '예산일 (Budget Officer One)' }).click();
    await shot(clerk, '07-distribute');
    await completeTask(clerk);

    // The planning head sets the 공람 due day on the document's card before the handler picks readers (§18⑤).
    const head = await suite.signedIn('planner1');
    await head.getByRole('link', { name: '결재', exact: true }).click();
    await head
      .getByRole('region', { name: '접수 문서 (우리 부서로 시행된 문서)' })
      .getByRole('link', { name: TITLE })
      .click();
    await head.getByLabel('공람 기한').fill('2027-03-12');
    await shot(head, '08-head-sets-due');
    await head.getByRole('button', { name: '공람 기한·담당자 반영' }).click();
    await head.getByText('공람 기한과 처리담당자를 반영했습니다.').waitFor();

    const handler = await suite.signedIn('budget1');
    await openFromQueue(handler, '처리·공람 지정 (Handle; choose the 공람 readers)');
    const readers = handler.getByLabel('공람자 (Readers)');
    await readers.click();
    await readers.fill('예산이');
    await handler.locator('.fjs-dropdownlist-item', { hasText: '예산이 (Budget Officer Two)' }).click();
    await shot(handler, '09-choose-readers');
    await completeTask(handler);

    const reader = await suite.signedIn('budget2');
    await openFromQueue(reader, '공람 (Read the document)');
    await reader.getByLabel('의견 (Opinion, optional)').fill('확인했습니다.');
    const readTask = await suite.stack.prisma.userTask.findFirstOrThrow({
      where: { elementId: 'read', assignee: 'budget2' },
    });
    expect(readTask.dueAt?.toISOString()).toBe('2027-03-12T09:00:00.000Z');
    await shot(reader, '10-read');
    await completeTask(reader);

    await drafter.reload();
    await dispatchCard.getByText('접수: docclerk1').waitFor();
    await eventually(
      async () => {
        await drafter.reload();
        return (await dispatchCard.getByText(/budget2: .*확인했습니다\./).count()) > 0 || undefined;
      },
      { what: 'the read on the card' },
    );
    const text = await dispatchCard.innerText();
    expect(text).toMatch(/planning-budget-1/);
    expect(text).toMatch(/배부: docclerk1 → budget1/);
    await shot(drafter, '11-card');
  });
});
