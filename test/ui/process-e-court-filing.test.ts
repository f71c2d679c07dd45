/**
 * 전자소송 in a real browser, each role signed in on their own (processes/e-court-filing/README.md): the plaintiff
 * files and signs with the fees shown, the court clerk checks the filing from the queue, the judge accepts the
 * complaint, the defendant opens it from the case page (which serves it) and answers from the queue, and the judge
 * refers the case to hearing preparation. Screenshots go to test/artifacts/e-court-filing/.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { CourtCaseState } from '../../prisma/generated/client';
import { DEMO_ANALYST } from '../../scripts/seed';
import {
  browserAvailable,
  browserSuite,
  claimIfOffered,
  fontsDrawing,
  KOREAN_TYPEFACE,
  screenshotter,
} from '../support/browser';
import { deployReferenceProcessesAsAnalyst } from '../support/instances';
import { PASSWORD } from '../support/stack';
import { eventually } from '../support/wait';

const describeInBrowser = browserAvailable() ? describe : describe.skip;

jest.setTimeout(120_000);

describeInBrowser('e-court filing in the browser', () => {
  const suite = browserSuite({ prepare: deployReferenceProcessesAsAnalyst });

  const shot = screenshotter('e-court-filing');

  /** From the queue: open the task by its name, take it if it is a group's, and show its form. */
  const openFromQueue = async (page: Page, taskName: string) => {
    await page.getByRole('link', { name: taskName }).first().click();
    await page.getByRole('heading', { name: taskName }).waitFor();
    await claimIfOffered(page);
  };

  const complete = async (page: Page) => {
    await page.getByRole('button', { name: '완료' }).click();
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
  };

  const caseState = (state: CourtCaseState) =>
    eventually(() => suite.stack.prisma.courtCase.findFirst({ where: { state } }).then((row) => row ?? undefined), {
      what: `the case ${state}`,
    });

  it('plays the plaintiff, the clerk, the judge and the defendant from filing to hearing preparation', async () => {
    const plaintiff = await suite.signedIn('plaintiff1');
    await plaintiff.getByRole('link', { name: '전자소송', exact: true }).click();
    await plaintiff.getByRole('heading', { name: '전자소송 사건', level: 1 }).waitFor();
    await plaintiff.getByRole('link', { name: '소장 제출' }).click();
    await plaintiff.getByRole('heading', { name: '소장 제출', level: 1 }).waitFor();
    await plaintiff.getByLabel('소가 (원)').fill('12345678');
    await plaintiff
      .getByLabel('청구취지와 청구원인')
      .fill('피고는 원고에게 12,345,678원을 지급하라. 대여금 반환 청구.');
    await plaintiff.getByText('인지액 54,400원 · 송달료 예납액 169,200원').waitFor();
    await plaintiff.getByLabel('비밀번호').fill(PASSWORD);
    await shot(plaintiff, '01-plaintiff-files');
    await plaintiff.getByRole('button', { name: '서명하고 제출' }).click();
    await plaintiff.getByRole('heading', { name: '번호 부여 전', level: 1 }).waitFor();
    expect(await fontsDrawing(plaintiff, 'h1')).toEqual([{ familyName: KOREAN_TYPEFACE, isCustomFont: true }]);
    await shot(plaintiff, '02-plaintiff-filed');

    const clerk = await suite.signedIn('courtclerk1');
    await openFromQueue(clerk, '접수 확인 (Check the filing)');
    await clerk.getByText('인지액 (Stamp fee) 54400원').waitFor();
    await clerk.getByLabel('인지액과 송달료 납부를 확인함 (Fees paid)').check();
    await shot(clerk, '03-clerk-checks-filing');
    await complete(clerk);
    const docketed = await caseState('DOCKETED');
    expect(docketed.caseNumber).toMatch(/^\d{4}가단1$/);

    const judge = await suite.signedIn('judge1');
    await openFromQueue(judge, '소장 심사 (Review the complaint)');
    await judge.getByText('청구취지와 원인 (Claim): 피고는 원고에게', { exact: false }).waitFor();
    await judge.getByLabel('적법 — 피고에게 송달 (In order: serve the defendant)').check();
    await shot(judge, '04-judge-reviews');
    await complete(judge);
    await caseState('SERVICE_NOTIFIED');

    const defendant = await suite.signedIn('defendant1');
    await defendant.getByRole('link', { name: '전자소송', exact: true }).click();
    await defendant.getByRole('link', { name: docketed.caseNumber! }).click();
    await defendant.getByRole('heading', { name: docketed.caseNumber!, level: 1 }).waitFor();
    await defendant.getByText('송달된 소장은 열람 버튼으로 엽니다.', { exact: false }).waitFor();
    await shot(defendant, '05-defendant-notified');
    await defendant.getByRole('button', { name: '소장 부본 열람 (송달)' }).click();
    await defendant.getByText('대여금 반환 청구', { exact: false }).waitFor();
    expect(await defendant.getByRole('button', { name: '소장 부본 열람 (송달)' }).count()).toBe(0);
    await shot(defendant, '06-defendant-opened');
    await caseState('SERVED');

    await defendant.getByRole('link', { name: '내 업무', exact: true }).click();
    await defendant.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    await eventually(
      async () =>
        (await defendant.getByRole('link', { name: '답변서 제출 (File an answer)' }).count())
          ? true
          : (await defendant.reload(), undefined),
      { what: "the defendant's answer task" },
    );
    await openFromQueue(defendant, '답변서 제출 (File an answer)');
    await defendant.getByLabel('답변서 (Answer)').fill('원고의 청구를 기각한다는 판결을 구합니다.');
    await shot(defendant, '07-defendant-answers');
    await complete(defendant);
    await caseState('ANSWERED');

    await judge.reload();
    await eventually(
      async () =>
        (await judge.getByRole('link', { name: '변론 준비 (Prepare the hearing)' }).count())
          ? true
          : (await judge.reload(), undefined),
      { what: 'the hearing preparation task' },
    );
    await openFromQueue(judge, '변론 준비 (Prepare the hearing)');
    await judge.getByLabel('변론준비절차에 회부함 (Referred to hearing preparation)').check();
    await complete(judge);

    await plaintiff.reload();
    await plaintiff.getByText('답변서 제출', { exact: true }).first().waitFor();
    await shot(plaintiff, '08-plaintiff-sees-answer');
    expect(await plaintiff.getByRole('region', { name: '통지 (이메일·문자)' }).innerText()).toMatch(
      /EMAIL → plaintiff1/,
    );
    for (const page of [plaintiff, clerk, judge, defendant]) await page.close();
  });

  it('opens in the modeler with every element of the model drawn', async () => {
    const xml = readFileSync('processes/e-court-filing/e-court-filing.bpmn', 'utf8');
    const ids = [...xml.matchAll(/<bpmn:(?!definitions|process|message|extensionElements)\w+ id="([^"]+)"/g)].map(
      (match) => match[1] as string,
    );
    const analyst = await suite.signedIn(DEMO_ANALYST);
    await analyst.setViewportSize({ width: 1800, height: 1000 });
    await analyst.goto(`${suite.baseUrl}/#/modeler/e-court-filing`);
    await analyst.locator('.djs-element[data-element-id="answer-period"]').waitFor();
    const drawn = await analyst
      .locator('.djs-element[data-element-id]')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-element-id')));
    expect(ids.length).toBeGreaterThan(60);
    expect(ids.filter((id) => !drawn.includes(id))).toEqual([]);
    await shot(analyst, '00-model-in-modeler');
    await analyst.close();
  });
});
