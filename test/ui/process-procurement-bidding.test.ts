/**
 * The procurement e-bid played in a real browser (processes/procurement-bidding/README.md): the contract officer
 * starts an announcement and drafts the notice from the task queue, two bidders submit sealed bids on the bidding's
 * page, the officer sees them sealed, the opening at the announced instant reveals the reference price and the bids,
 * the officer's 적격심사 passes the lowest, and the awardee finds the contract task. Screenshots go to
 * test/artifacts/procurement-bidding/.
 */
import type { Page } from 'playwright-core';
import {
  browserAvailable,
  browserSuite,
  claimIfOffered,
  fontsDrawing,
  KOREAN_TYPEFACE,
  screenshotter,
} from '../support/browser';
import { deployReferenceProcessesAsAnalyst } from '../support/instances';
import { startTimeSkippingStack } from '../support/time-skipping';
import { eventually, eventuallyFound } from '../support/wait';

jest.setTimeout(180_000);

const describeInBrowser = browserAvailable() ? describe : describe.skip;
const kst = (text: string) => Date.parse(`${text}+09:00`);

describeInBrowser('the procurement e-bid in the browser', () => {
  const suite = browserSuite({ start: startTimeSkippingStack, prepare: deployReferenceProcessesAsAnalyst });

  const shot = screenshotter('procurement-bidding');

  /** Opens a task from the queue, as its row appears once the process reaches it. */
  async function openFromQueue(page: Page, taskName: string): Promise<void> {
    const link = page.getByRole('link', { name: taskName }).first();
    await eventually(async () => {
      await page.goto(`${suite.baseUrl}/#/tasks`);
      await page.reload();
      await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
      await page.locator('.tasklist[aria-busy="false"]').waitFor();
      return (await link.count()) ? true : undefined;
    });
    await link.click();
  }

  it('announces, takes two sealed bids, opens them at the instant and awards the lowest that passes', async () => {
    await suite.stack.skipTo(kst('2027-07-01T09:00:00'));

    // The contract officer starts an announcement and drafts the notice from the queue.
    const officer = await suite.signedIn('buyer1');
    await officer.getByRole('link', { name: '입찰', exact: true }).click();
    await officer.getByRole('heading', { name: '입찰 공고', level: 1 }).waitFor();
    await officer.getByRole('button', { name: '새 입찰공고' }).click();
    await openFromQueue(officer, '입찰공고 작성 (Draft the notice)');
    await claimIfOffered(officer);
    await officer.getByLabel('공고명 (Title)').fill('민원실 의자 교체 구매');
    await officer.getByLabel('물품 (Goods)').check();
    await officer.getByLabel('추정가격 (Estimated price, won)').fill('100000000');
    await officer.getByLabel('기초금액 (Base amount, won)').fill('100000000');
    await officer.getByLabel('입찰서 제출 마감 (Bid deadline)').fill('2027-07-12T10:00:00+09:00');
    await officer.getByLabel('개찰 일시 (Opening instant)').fill('2027-07-12T11:00:00+09:00');
    // form-js takes a text field's value when the field is left.
    await officer.getByLabel('개찰 일시 (Opening instant)').press('Tab');
    await shot(officer, '01-officer-drafts-notice');
    await officer.getByRole('button', { name: '완료' }).click();
    await officer.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    const bidding = await eventuallyFound(() => suite.stack.prisma.bidding.findFirst(), 'the announced bidding');

    // Two bidders find the announcement and submit sealed bids.
    for (const [bidder, price, picks] of [
      ['bidder1', '90000000', ['1', '2']],
      ['bidder2', '92000000', ['3', '4']],
    ] as const) {
      const page = await suite.signedIn(bidder);
      await page.getByRole('link', { name: '입찰', exact: true }).click();
      await page.getByRole('link', { name: '민원실 의자 교체 구매' }).click();
      await page.getByRole('heading', { name: '민원실 의자 교체 구매', level: 1 }).waitFor();
      await page.getByLabel('입찰가 (원)').fill(price);
      await page.getByLabel('추첨 번호 1').selectOption(picks[0]);
      await page.getByLabel('추첨 번호 2').selectOption(picks[1]);
      await shot(page, `0${bidder === 'bidder1' ? 2 : 3}-${bidder}-bids`);
      await page.getByRole('button', { name: '봉인하여 제출' }).click();
      await page.getByText('입찰서를 봉인하여 제출했습니다.').waitFor();
      const own = page.getByRole('region', { name: '입찰서', exact: true });
      await own.getByRole('rowheader', { name: bidder }).waitFor();
      expect(await own.locator('tbody tr').count()).toBe(1);
      expect(await own.locator('tbody tr').innerText()).toContain('봉인됨');
      await page.close();
    }

    // Before the opening the officer sees two sealed bids and no price.
    await officer.goto(`${suite.baseUrl}/#/procurement/${bidding.id}`);
    const bids = officer.getByRole('region', { name: '입찰서', exact: true });
    await bids.locator('tbody tr').nth(1).waitFor();
    expect(await bids.locator('tbody').innerText()).not.toMatch(/90,000,000|92,000,000/);
    expect(await fontsDrawing(officer, 'h1')).toEqual([{ familyName: KOREAN_TYPEFACE, isCustomFont: true }]);
    await shot(officer, '04-officer-sees-sealed-bids');

    // The opening at 11:00 reveals the reference price and the prices.
    await suite.stack.skipTo(kst('2027-07-12T11:00:01'));
    await eventuallyFound(
      () => suite.stack.prisma.bidding.findFirst({ where: { id: bidding.id, state: 'OPENED' } }),
      'the opening',
    );
    await officer.reload();
    await officer.getByRole('region', { name: '예정가격' }).waitFor();
    expect(await bids.locator('tbody').innerText()).toMatch(/90,000,000원[\s\S]*92,000,000원/);
    await shot(officer, '05-opening');

    // 적격심사 of the lowest bid passes: the award goes to bidder1, who finds the contract task.
    await openFromQueue(officer, '적격심사 (Qualification review)');
    await officer.getByLabel('심사 점수 (Score, 0-100)').fill('92');
    await officer.getByLabel('심사 점수 (Score, 0-100)').press('Tab');
    await shot(officer, '06-qualification-review');
    await officer.getByRole('button', { name: '완료' }).click();
    await officer.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    await eventuallyFound(
      () => suite.stack.prisma.bidding.findFirst({ where: { id: bidding.id, state: 'AWARDED' } }),
      'the award',
    );

    const awardee = await suite.signedIn('bidder1');
    await openFromQueue(awardee, '계약 체결 (Sign the contract)');
    await awardee.getByLabel('전자서명 (Signature: your company name)').waitFor();
    await awardee.goto(`${suite.baseUrl}/#/procurement/${bidding.id}`);
    await awardee.getByRole('heading', { name: '민원실 의자 교체 구매', level: 1 }).waitFor();
    expect(await awardee.locator('.badge').first().innerText()).toBe('낙찰');
    await shot(awardee, '07-award');
    await Promise.all([officer.close(), awardee.close()]);
  });
});
