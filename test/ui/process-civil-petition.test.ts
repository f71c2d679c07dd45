/**
 * 민원 in a real browser, as the roles play it: petitioner1 files a petition on #/petitions/new and sees its receipt
 * number; clerk1 answers it from the task queue; director1 approves the answer; petitioner1 sees the decision.
 * Screenshots of each step go to test/artifacts/civil-petition/.
 */
import type { Page } from 'playwright-core';
import { deployReferenceProcesses, seedStartPermissions } from '../../scripts/seed';
import { browserAvailable, browserSuite, screenshotter, signIn } from '../support/browser';
import { mailTo } from '../support/mail';
import { PASSWORD } from '../support/stack';
import { eventually } from '../support/wait';

const describeInBrowser = browserAvailable() ? describe : describe.skip;
const TITLE = '민원실 점심시간 운영 요청';

jest.setTimeout(180_000);

describeInBrowser('the civil-petition process in the browser', () => {
  const suite = browserSuite({
    prepare: async (stack) => {
      await deployReferenceProcesses(stack.deps);
      await seedStartPermissions(stack.prisma);
    },
  });

  const shoot = screenshotter('civil-petition');

  /** Opens the open task at an element of an instance, as its link in the queue would. */
  async function openTaskPage(page: Page, instanceId: string, elementId: string, heading: string) {
    const task = await eventually(
      () =>
        suite.stack.prisma.userTask
          .findFirst({ where: { processInstanceId: instanceId, elementId, state: 'CREATED' } })
          .then((row) => row ?? undefined),
      { what: `the task at ${elementId}`, timeoutMs: 30_000 },
    );
    await page.goto(`${suite.baseUrl}/#/tasks/${task.id}`);
    await page.getByRole('heading', { name: heading }).waitFor();
  }

  it('is filed by the petitioner, answered by the clerk, approved by the director and read by the petitioner', async () => {
    const petitioner = await suite.browser.newPage();
    await signIn(petitioner, suite.baseUrl, 'petitioner1', PASSWORD);
    await petitioner.getByRole('link', { name: '민원', exact: true }).click();
    await petitioner.getByRole('heading', { name: '민원 목록', level: 1 }).waitFor();
    await petitioner.getByRole('link', { name: '민원 신청' }).click();
    await petitioner.getByRole('heading', { name: '민원 신청', level: 1 }).waitFor();
    await petitioner.getByLabel('민원 종류').selectOption({ label: '건의' });
    await petitioner.getByLabel('제목').fill(TITLE);
    await petitioner.getByLabel('내용').fill('점심시간에도 민원실 창구 하나를 열어 주십시오.');
    await petitioner.getByLabel('이메일').fill('hong@example.kr');
    await shoot(petitioner, '01-petitioner-files');
    await petitioner.getByRole('button', { name: '신청' }).click();
    await petitioner.getByRole('heading', { name: '민원 목록', level: 1 }).waitFor();

    const petition = await eventually(
      () =>
        suite.stack.prisma.petition
          .findFirst({ where: { title: TITLE } })
          .then((row) => (row?.dueAt ? row : undefined)),
      { what: 'the petition received', timeoutMs: 30_000 },
    );
    await petitioner.reload();
    await petitioner
      .getByRole('row')
      .filter({ hasText: petition.receiptNumber ?? '' })
      .waitFor();
    await shoot(petitioner, '02-petitioner-sees-receipt-number');

    const clerk = await suite.signedIn('clerk1');
    await openTaskPage(clerk, petition.processInstanceId, 'review', '민원 검토 (Review and decide the next step)');
    await clerk.getByLabel('회신 (Answer, through approval)').check();
    await clerk.getByLabel('수용 (Accepted)').check();
    await clerk.getByLabel('회신 내용 (Answer)').fill('다음 달부터 점심시간에 창구 1곳을 운영하겠습니다.');
    await shoot(clerk, '03-clerk-answers');
    await clerk.getByRole('button', { name: '완료' }).click();
    await clerk.getByRole('heading', { name: '내 업무 목록' }).waitFor();

    const document = await eventually(
      () =>
        suite.stack.prisma.approvalDocument
          .findFirst({ where: { replyKey: petition.receiptNumber } })
          .then((row) => (row?.processInstanceId ? row : undefined)),
      { what: 'the answer document', timeoutMs: 30_000 },
    );
    const director = await suite.signedIn('director1');
    await openTaskPage(director, document.processInstanceId as string, 'approve', '결재 (Approve the document)');
    await director.getByLabel('승인 (Approve)').check();
    await shoot(director, '04-director-approves');
    await director.getByRole('button', { name: '완료' }).click();
    await director.getByRole('heading', { name: '내 업무 목록' }).waitFor();

    await eventually(
      () =>
        suite.stack.prisma.petition
          .findUniqueOrThrow({ where: { id: petition.id } })
          .then((row) => (row.state === 'DECIDED' ? row : undefined)),
      { what: 'the decision', timeoutMs: 30_000 },
    );
    await petitioner.goto(`${suite.baseUrl}/#/petitions/${petition.id}`);
    await petitioner.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await petitioner.getByText('처리 완료', { exact: true }).first().waitFor();
    await petitioner.getByText('수용', { exact: true }).waitFor();
    await shoot(petitioner, '05-petitioner-sees-the-result');
    const result = await eventually(
      async () => (await mailTo('hong@example.kr')).find((mail) => mail.subject.includes('처리결과 통지')),
      { what: 'the result notice' },
    );
    expect(result.text).toContain('다음 달부터 점심시간에 창구 1곳을 운영하겠습니다.');
  });
});
