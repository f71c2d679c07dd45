/**
 * The objection walkthrough (processes/petition-objection/README.md) in a real browser: the petitioner's objection
 * arrives through POST /api/petitions/:id/objections (the citizen portal's call; the web app has no petitioner page
 * yet), then clerk1 finds the review in the civil-affairs queue, extends the period once with a reason, upholds the
 * objection on the second visit and answers the re-examination; the petitioner's four notices follow, and the
 * owner reads the path on the diagram.
 * Screenshots in test/artifacts/petition-objection/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import {
  browserAvailable,
  browserSuite,
  claimIfOffered,
  fontsDrawing,
  KOREAN_TYPEFACE,
  screenshotter,
} from '../support/browser';
import { deployReferenceProcessesAsAnalyst } from '../support/instances';
import { mailTo } from '../support/mail';
import { insertProcessInstance } from '../support/tasks';
import { eventually, eventuallyFound } from '../support/wait';

const describeInBrowser = browserAvailable() ? describe : describe.skip;
const ARTIFACTS = path.resolve(__dirname, '../artifacts/petition-objection');
const DAY_MS = 86_400_000;

describeInBrowser('petition objection walkthrough in the browser', () => {
  const suite = browserSuite({ prepare: deployReferenceProcessesAsAnalyst });
  const shot = screenshotter('petition-objection', { numbered: true });

  /** Opens the objection's current task from clerk1's queue, as a clerk would. */
  async function openFromQueue(page: Page, taskName: string) {
    await page.goto(`${suite.baseUrl}/#/tasks`);
    await page.reload(); // the queue as it is now, with the task the process has just created
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    await page.getByRole('link', { name: taskName }).first().click();
    await page.getByRole('heading', { name: taskName }).waitFor();
  }

  async function complete(page: Page, fill: () => Promise<void>, name: string) {
    await claimIfOffered(page);
    await fill();
    await shot(page, name);
    await page.getByRole('button', { name: '완료' }).click();
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
  }

  it('petitioner1 objects, clerk1 extends once, upholds, and re-examines; the petitioner is told each step', async () => {
    // A grievance of petitioner1, refused ten days ago (the civil-petition process's part, seeded here).
    const petitioner = await suite.stack.prisma.user.findUniqueOrThrow({ where: { username: 'petitioner1' } });
    const processInstanceId = await insertProcessInstance(suite.stack, 'civil-petition');
    await suite.stack.prisma.processInstance.update({
      where: { id: processInstanceId },
      data: { startedById: petitioner.id },
    });
    const petition = await suite.stack.prisma.petition.create({
      data: {
        processInstanceId,
        receiptNumber: '민원봉사과-2026-0042',
        typeCode: 'grievance',
        title: '보도블록 파손 보수 요청',
        petitionerName: '홍민원',
        petitionerEmail: 'petitioner1-walkthrough@example.kr',
        receivedAt: new Date(Date.now() - 20 * DAY_MS),
        state: 'DECIDED',
        decidedAt: new Date(Date.now() - 10 * DAY_MS),
        outcome: 'REFUSED',
      },
    });

    const token = await suite.stack.login('petitioner1');
    const filed = await request(suite.stack.app)
      .post(`/api/petitions/${petition.id}/objections`)
      .set('authorization', `Bearer ${token}`)
      .send({ reason: '파손 사진을 첨부합니다. 보수 대상이 맞습니다.' })
      .expect(202);
    const objectionInstance = (filed.body as { processInstanceId: string }).processInstanceId;

    const clerk = await suite.signedIn('clerk1', { viewport: { width: 1280, height: 900 } });
    await eventuallyFound(
      () =>
        suite.stack.prisma.userTask.findFirst({ where: { processInstanceId: objectionInstance, state: 'CREATED' } }),
      'the review task',
    );
    await clerk.reload();
    await clerk.getByRole('link', { name: '이의신청 심사 (Review the objection)' }).first().waitFor();
    await shot(clerk, 'clerk-queue');

    await openFromQueue(clerk, '이의신청 심사 (Review the objection)');
    await complete(
      clerk,
      async () => {
        await clerk.getByLabel('처리기간 연장 (Extend by 10 days)').check();
        await clerk.getByLabel('사유 (Reasons, sent to the petitioner)').fill('현장 확인이 필요하여 연장합니다.');
      },
      'review-extend',
    );
    const extendedTask = await eventuallyFound(
      () =>
        suite.stack.prisma.userTask.findFirst({
          where: { processInstanceId: objectionInstance, state: 'CREATED', elementId: 'review' },
        }),
      'the review after the extension',
    );
    const objection = await suite.stack.prisma.petitionObjection.findUniqueOrThrow({
      where: { processInstanceId: objectionInstance },
    });
    expect(objection.extensions).toBe(1);
    expect(extendedTask.dueAt?.getTime()).toBe(objection.dueAt?.getTime());

    await openFromQueue(clerk, '이의신청 심사 (Review the objection)');
    await complete(
      clerk,
      async () => {
        await clerk.getByLabel('인용 (Uphold: examine the petition again)').check();
        await clerk.getByLabel('사유 (Reasons, sent to the petitioner)').fill('현장에서 파손을 확인했습니다.');
      },
      'review-uphold',
    );

    await eventuallyFound(
      () =>
        suite.stack.prisma.userTask.findFirst({
          where: { processInstanceId: objectionInstance, state: 'CREATED', elementId: 'reexamine' },
        }),
      'the re-examination task',
    );
    await openFromQueue(clerk, '민원 재처리 (Re-examine the petition)');
    await complete(
      clerk,
      async () => {
        await clerk
          .getByLabel('재처리 결과 (Result of the new examination, sent to the petitioner)')
          .fill('이번 주 안에 보도블록을 교체하겠습니다.');
      },
      'reexamine',
    );
    // The petitioner's notices: receipt, extension, upheld, and the new result.
    const notices = await eventually(
      async () => {
        const mails = await mailTo(petition.petitionerEmail);
        return mails.length >= 4 ? mails : undefined;
      },
      { what: 'the four notices' },
    );
    expect(notices.map((mail) => mail.subject.replace(/^.*이의신청 /, '')).sort()).toEqual(
      ['인용 결정 통지', '재처리 결과 통지', '접수 안내', '처리기간 연장 통지'].sort(),
    );
    // Shown as the petitioner reads them, in the app's page and typeface (the catcher's own page relies on system
    // fonts, which may have no Hangul).
    await clerk.evaluate(
      (mails) => {
        const main = document.createElement('main');
        main.style.padding = '24px';
        for (const mail of mails) {
          const subject = document.createElement('h2');
          subject.textContent = mail.subject;
          const body = document.createElement('p');
          body.style.whiteSpace = 'pre-wrap';
          body.textContent = `받는 사람: ${mail.to.join(', ')}\n\n${mail.text}`;
          main.append(subject, body);
        }
        document.body.replaceChildren(main);
      },
      notices.map(({ subject, to, text }) => ({ subject, to, text })),
    );
    const fonts = await fontsDrawing(clerk, 'main h2');
    expect(fonts).toContainEqual({ familyName: KOREAN_TYPEFACE, isCustomFont: true });
    await shot(clerk, 'petitioner-notices');
    await clerk.close();
    expect(
      await suite.stack.prisma.petitionObjection.findUniqueOrThrow({ where: { processInstanceId: objectionInstance } }),
    ).toMatchObject({ outcome: 'UPHELD', decidedBy: 'clerk1' });

    // The analyst who owns the reference processes reads the instance's path on its diagram.
    const owner = await suite.signedIn('analyst1', { viewport: { width: 1600, height: 1000 } });
    await owner.goto(`${suite.baseUrl}/#/instances/${objectionInstance}`);
    await owner.locator('.djs-element.instance-completed[data-element-id="reexamined"]').waitFor();
    await owner
      .locator('.djs-container')
      .first()
      .screenshot({ path: path.join(ARTIFACTS, '06-instance-diagram.png') });
    await owner.close();
  });
});
