/**
 * The 민원 처리 지표 card in a real browser: manager1 opens the civil-petition dashboard from the menu and reads the
 * figures of the petitions seeded below, worked out by hand (another department's petition left out), in the
 * bundled typeface. Screenshot in test/artifacts/petition-figures/.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { PetitionState } from '../../prisma/generated/client';
import { browserAvailable, fontsDrawing, KOREAN_TYPEFACE, serveWithBrowser, signIn } from '../support/browser';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';
import { insertProcessInstance, insertTask, orgUnitId } from '../support/tasks';

const describeInBrowser = browserAvailable() ? describe : describe.skip;
const ARTIFACTS = path.resolve(__dirname, '../artifacts/petition-figures');
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

describeInBrowser('petition figures in the browser', () => {
  let stack: TestStack;
  let baseUrl: string;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  async function seed(
    unit: string,
    fields: { state?: PetitionState; decidedAgo?: number; dueAgo: number; minutes?: number; extensions?: number },
    extra: { supplementRequests?: number; objection?: 'UPHELD' } = {},
  ) {
    const now = Date.now();
    const petition = await stack.prisma.petition.create({
      data: {
        processInstanceId: await insertProcessInstance(stack, 'civil-petition'),
        typeCode: 'grievance',
        title: '민원',
        petitionerName: '홍민원',
        petitionerEmail: 'hong@example.kr',
        orgUnitId: unit,
        receivedAt: new Date(now - 20 * DAY_MS),
        dueAt: new Date(now - fields.dueAgo),
        state: fields.state ?? 'DECIDED',
        decidedAt: fields.decidedAgo === undefined ? null : new Date(now - fields.decidedAgo),
        outcome: fields.decidedAgo === undefined ? null : 'REFUSED',
        workingMinutesTaken: fields.minutes,
        extensions: fields.extensions ?? 0,
        supplementRequests: extra.supplementRequests ?? 0,
      },
    });
    if (extra.objection) {
      await stack.prisma.petitionObjection.create({
        data: {
          processInstanceId: randomUUID(),
          petitionId: petition.id,
          reason: '이의',
          filedAt: new Date(now - 2 * DAY_MS),
          lastDayToObject: new Date(now + 50 * DAY_MS),
          outcome: extra.objection,
        },
      });
    }
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startTestStack({ worker: false });
    const civil = await orgUnitId(stack, 'civil-affairs');
    // Civil affairs: one decided on time (supplemented, objection upheld), one late (extended), one open past due.
    await seed(
      civil,
      { decidedAgo: 3 * DAY_MS, dueAgo: 2 * DAY_MS, minutes: 960 },
      { supplementRequests: 1, objection: 'UPHELD' },
    );
    await seed(civil, { decidedAgo: 5 * DAY_MS, dueAgo: 6 * DAY_MS, minutes: 2400, extensions: 1 });
    await seed(civil, { state: 'RECEIVED', dueAgo: HOUR_MS });
    // General affairs, outside manager1's part of the org chart: late and overdue, not counted.
    const general = await orgUnitId(stack, 'general-affairs');
    await seed(general, { decidedAgo: 4 * DAY_MS, dueAgo: 5 * DAY_MS, minutes: 4800, extensions: 1 });
    await seed(general, { state: 'RECEIVED', dueAgo: HOUR_MS });
    await insertTask(stack, await insertProcessInstance(stack, 'civil-petition'), { orgUnitId: civil });
    ({ baseUrl, browser, close: closeBrowser } = await serveWithBrowser(stack.app));
  });

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  it("manager1 reads the civil-petition figures of civil affairs on the process's dashboard", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signIn(page, baseUrl, 'manager1', PASSWORD);
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: '대시보드' }).click();
    await page.getByRole('heading', { name: '성과 대시보드' }).waitFor();
    await page.getByLabel('대상').selectOption({ value: 'process:civil-petition' });
    await page.getByRole('button', { name: '보기' }).click();

    const card = page.getByRole('region', { name: '민원 처리 지표' });
    await card.waitFor();
    const figure = (name: string) => card.locator(`[data-figure="petition-${name}"]`).innerText();
    // Decided in the window: 960 and 2400 working minutes, one on time, one late; one open past due.
    await expect(figure('on-time-rate')).resolves.toBe('50.0%');
    await expect(figure('decided')).resolves.toBe('2');
    await expect(figure('overdue')).resolves.toBe('1');
    await expect(figure('average-working-days')).resolves.toBe('3.5');
    await expect(figure('extension-rate')).resolves.toBe('50.0%');
    await expect(figure('supplementation-rate')).resolves.toBe('50.0%');
    await expect(figure('objections')).resolves.toBe('1');
    await expect(figure('objection-upheld-rate')).resolves.toBe('100.0%');
    await card.getByText('처리 건수 (기한 내 1 / 초과 1)').waitFor();
    await expect(card.getByRole('link', { name: 'CSV 내려받기' }).getAttribute('href')).resolves.toContain(
      'part=petitions',
    );

    const fonts = await fontsDrawing(page, '[data-part="petitions"] .card__title');
    expect(fonts).toContainEqual({ familyName: KOREAN_TYPEFACE, isCustomFont: true });
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, '01-manager-petition-figures.png'), fullPage: true });
    await card.screenshot({ path: path.join(ARTIFACTS, '02-petition-figures-card.png') });
    await page.close();
  });
});
