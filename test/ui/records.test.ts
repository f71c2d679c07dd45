/**
 * The retention expiry list in a real browser: an approved document's registration number and retention end appear
 * on its page, the administrator finds it under 기록물 in the list of what expires before a date and not in the list
 * of an earlier date; a civil servant has no such menu entry.
 */
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { registrationYear } from '../../gov/records';
import { deployReferenceProcesses } from '../../scripts/seed';
import { browserAvailable, serveWithBrowser, signIn } from '../support/browser';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

const describeInBrowser = browserAvailable() ? describe : describe.skip;

describeInBrowser('the retention expiry list in the browser', () => {
  let stack: TestStack;
  let baseUrl: string;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let documentId: string;
  const year = registrationYear(new Date());

  beforeAll(async () => {
    stack = await startTestStack();
    await deployReferenceProcesses(stack.deps);
    ({ baseUrl, browser, close: closeBrowser } = await serveWithBrowser(stack.app));

    // clerk1 drafts a 3-year document for lead1 to approve, through the API.
    const as = async (username: string) => ({ Authorization: `Bearer ${await stack.login(username)}` });
    const lead1 = await stack.prisma.user.findUniqueOrThrow({ where: { username: 'lead1' } });
    const drafted = await request(stack.app)
      .post('/api/approvals')
      .set(await as('clerk1'))
      .send({
        title: '민원실 의자 구매 결과 보고',
        body: '의자 20개를 구매했습니다.',
        documentType: 'report',
        line: [{ kind: 'approve', userId: lead1.id }],
        retention: 'YEARS_3',
        disclosure: 'NON_PUBLIC',
        nonDisclosureGrounds: [5],
      })
      .expect(201);
    documentId = (drafted.body as { id: string }).id;
    const lead1Auth = await as('lead1');
    const task = await eventually(
      async () => {
        const queue = await request(stack.app).get('/api/tasks').set(lead1Auth).expect(200);
        return (queue.body as { items: Array<{ id: string; variables: Record<string, unknown> }> }).items.find(
          (item) => item.variables.documentId === documentId,
        );
      },
      { what: "lead1's approval task" },
    );
    await request(stack.app)
      .post(`/api/tasks/${task.id}/complete`)
      .set(lead1Auth)
      .send({ variables: { decision: 'approve' } })
      .expect(200);
    await eventually(async () => (await stack.prisma.registration.findFirst({ where: { documentId } })) ?? undefined, {
      what: 'the production registration',
    });
  });

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  it('shows the approved document’s number and retention end, and lists it for the administrator', async () => {
    const clerk = await browser.newPage();
    await signIn(clerk, baseUrl, 'clerk1', PASSWORD);
    await clerk.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    await clerk.goto(`${baseUrl}/#/approvals/${documentId}`);
    const records = clerk.getByRole('region', { name: '기록물 정보' });
    await records.getByText('civil-affairs-1').waitFor();
    expect(await records.innerText()).toMatch(
      new RegExp(`보존기간\\s+3년[\\s\\S]*만료일\\s+${year + 3}-12-31[\\s\\S]*공개 구분\\s+비공개 \\(제5호\\)`),
    );
    expect(await clerk.getByRole('link', { name: '기록물', exact: true }).count()).toBe(0);
    await clerk.close();

    const admin = await browser.newPage();
    await signIn(admin, baseUrl, 'admin', PASSWORD);
    await admin.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    await admin.getByRole('link', { name: '기록물', exact: true }).click();
    await admin.getByRole('heading', { name: '보존기간 만료 목록', level: 1 }).waitFor();
    await admin.getByLabel('이 날짜 전에 만료').fill(`${year + 4}-01-01`);
    await admin.getByRole('button', { name: '조회' }).click();
    const rows = admin.locator('table tbody tr');
    await rows.first().waitFor();
    expect(await rows.allInnerTexts()).toEqual([
      expect.stringMatching(
        new RegExp(
          `civil-affairs-1\\s+민원실 의자 구매 결과 보고\\s+민원봉사과.*\\s+3년\\s+${year + 3}-12-31\\s+비공개`,
        ),
      ),
    ]);
    await admin.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/bps-records-expiry.png`, fullPage: true });

    // The last day is kept: a list of what expires before it leaves the document out.
    await admin.getByLabel('이 날짜 전에 만료').fill(`${year + 3}-12-31`);
    await admin.getByRole('button', { name: '조회' }).click();
    await admin.getByText('이 날짜 전에 보존기간이 끝나는 문서가 없습니다.').waitFor();
    await admin.close();
  });
});
