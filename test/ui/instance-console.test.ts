/**
 * The instance console in a real browser against the real stack: an operator finds an instance by its business key,
 * opens it, sees the path it took on the diagram and its incident in red, retries the incident with an edited
 * variable from the page, and the diagram follows the instance to its end. Screenshots are kept as artefacts.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { browserAvailable, fontsDrawing, KOREAN_TYPEFACE, serveWithBrowser, signIn } from '../support/browser';
import { bpmn, flow } from '../support/bpmn';
import { deploy } from '../support/instances';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

const describeInBrowser = browserAvailable() ? describe : describe.skip;
const artefacts = process.env.SCREENSHOT_DIR ?? path.resolve(__dirname, '../../.data/test-artifacts/instance-console');

const processId = 'ui-instance-console';
const xml = bpmn(
  `<bpmn:startEvent id="start" name="신청 접수" />${flow('f0', 'start', 'intake')}
   <bpmn:task id="intake" name="서류 확인" />${flow('f1', 'intake', 'route')}
   <bpmn:exclusiveGateway id="route" name="접수 경로" />
   <bpmn:sequenceFlow id="to-online" sourceRef="route" targetRef="online-end"><bpmn:conditionExpression>=channel = "online"</bpmn:conditionExpression></bpmn:sequenceFlow>
   <bpmn:sequenceFlow id="to-visit" sourceRef="route" targetRef="visit-end"><bpmn:conditionExpression>=channel = "visit"</bpmn:conditionExpression></bpmn:sequenceFlow>
   <bpmn:endEvent id="online-end" name="온라인 처리" /><bpmn:endEvent id="visit-end" name="방문 처리" />`,
  processId,
);

describeInBrowser('the instance console in the browser', () => {
  let stack: TestStack;
  let baseUrl: string;
  let closeBrowser: () => Promise<void>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!process.env.SCREENSHOT_DIR) rmSync(artefacts, { recursive: true, force: true });
    mkdirSync(artefacts, { recursive: true });
    stack = await startTestStack();
    ({ baseUrl, browser, close: closeBrowser } = await serveWithBrowser(stack.app));
    await deploy(stack, xml);
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  });

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  /** The marker classes bpmn-js put on an element's group in the diagram. */
  const markers = (elementId: string) =>
    page
      .locator(`.instance-diagram__canvas [data-element-id="${elementId}"]`)
      .first()
      .evaluate((node) =>
        Array.from(node.classList)
          .filter((name) => name.startsWith('instance-'))
          .sort(),
      );

  it('finds an instance by business key, shows its path and incident, and retries it with an edited variable', async () => {
    // given an instance that passed the document check and stopped at the gateway (no branch for "post")
    const token = await stack.login('admin');
    const businessKey = '2026-민원-0042';
    const started = await request(stack.app)
      .post('/api/process-instances')
      .set({ Authorization: `Bearer ${token}` })
      .send({ processId, businessKey, variables: { channel: 'post' } })
      .expect(201);
    const instanceId = (started.body as { id: string }).id;
    await eventually(
      () =>
        stack.prisma.elementInstance
          .findFirst({ where: { processInstanceId: instanceId, elementId: 'route', state: 'INCIDENT' } })
          .then((row) => row ?? undefined),
      { what: 'the gateway in an incident in the element history' },
    );

    // when an analyst opens the instance console and searches by the business key
    await signIn(page, baseUrl, 'analyst1', PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: '인스턴스' }).click();
    await page.getByRole('heading', { name: '프로세스 인스턴스' }).waitFor();
    await page.getByLabel('업무 키 (정확히 일치)').fill(businessKey);
    await page.getByRole('button', { name: '검색' }).click();
    await page.getByText('모두 1건').waitFor();
    await page.getByRole('link', { name: businessKey }).click();

    // then the page shows the instance and its path: done elements and flows, the gateway in red with its token
    await page.getByRole('heading', { name: `${processId} v1` }).waitFor();
    await page.locator('.djs-element.instance-incident[data-element-id="route"]').waitFor();
    await expect(markers('start')).resolves.toEqual(['instance-completed']);
    await expect(markers('intake')).resolves.toEqual(['instance-completed']);
    await expect(markers('f0')).resolves.toEqual(['instance-taken']);
    await expect(markers('f1')).resolves.toEqual(['instance-taken']);
    await expect(markers('route')).resolves.toEqual(['instance-active', 'instance-incident']);
    await expect(markers('to-online')).resolves.toEqual([]);
    await expect(markers('online-end')).resolves.toEqual([]);
    await expect(page.locator('.instance-tokens').allInnerTexts()).resolves.toEqual(['1']);
    expect(await fontsDrawing(page, 'h1')).toEqual([{ familyName: KOREAN_TYPEFACE, isCustomFont: true }]);

    // and clicking the gateway shows its history rows in the side panel
    await page.locator('.instance-diagram__canvas [data-element-id="route"]').first().click();
    await expect(page.locator('.instance-diagram__panel tr.is-incident').count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(artefacts, 'instance-incident.png'), fullPage: true });

    // an operator may hold the instance and let it go again
    await page.getByRole('button', { name: '일시 중지' }).click();
    await page.getByText('일시 중지됨', { exact: true }).waitFor();
    expect(
      (await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).suspendedAt,
    ).not.toBeNull();
    await page.getByRole('button', { name: '재개' }).click();
    await page.getByRole('button', { name: '일시 중지' }).waitFor();
    expect(
      (await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).suspendedAt,
    ).toBeNull();

    // when they retry the incident with the channel corrected
    await page.getByLabel('설정할 변수 (JSON 객체)').fill('{"channel": "online"}');
    await page.getByRole('button', { name: '해결 후 다시 실행' }).click();

    // then the diagram follows: the gateway is no longer red, the online branch is taken to its end
    await page.locator('.djs-element.instance-completed[data-element-id="online-end"]').waitFor();
    await expect(markers('route')).resolves.toEqual(['instance-completed']);
    await expect(markers('to-online')).resolves.toEqual(['instance-taken']);
    await expect(markers('to-visit')).resolves.toEqual([]);
    await expect(page.locator('.instance-tokens').count()).resolves.toBe(0);
    await page.locator('.badge--instance-completed', { hasText: '완료' }).first().waitFor();

    // and the variable history says who changed the channel, from what, by resolving the incident
    const change = page.getByRole('row').filter({ hasText: '장애 해결' });
    await expect(change.getByRole('cell').allInnerTexts()).resolves.toEqual([
      'channel',
      'online',
      'post',
      'analyst1',
      '장애 해결',
      expect.any(String),
    ]);
    await page.screenshot({ path: path.join(artefacts, 'instance-resolved.png'), fullPage: true });
    expect((await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } })).state).toBe(
      'COMPLETED',
    );
  });
  it('retries every instance a search selects as one batch, with its progress on the page', async () => {
    // given three instances stopped at the gateway, and one of another business key that the search leaves out
    const token = await stack.login('admin');
    const start = async (businessKey: string) =>
      (
        (
          await request(stack.app)
            .post('/api/process-instances')
            .set({ Authorization: `Bearer ${token}` })
            .send({ processId, businessKey, variables: { channel: 'post' } })
            .expect(201)
        ).body as { id: string }
      ).id;
    const selected = [await start('일괄-1'), await start('일괄-2'), await start('일괄-3')];
    const left = await start('단건-1');
    const incidents = (ids: string[]) =>
      stack.prisma.elementInstance.count({
        where: { processInstanceId: { in: ids }, elementId: 'route', state: 'INCIDENT' },
      });
    await eventually(async () => ((await incidents([...selected, left])) === 4 ? true : undefined), {
      what: 'four gateways in an incident',
    });

    // when an analyst searches by the key prefix and retries the result as a batch
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signIn(page, baseUrl, 'analyst1', PASSWORD);
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    await page.goto(`${baseUrl}/#/instances?businessKeyPrefix=${encodeURIComponent('일괄-')}`);
    await page.getByText('모두 3건').waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: '일괄 재시도' }).click();

    // then the page follows the batch to its end, and only the selected instances had their incident retried
    await page.getByText('전체 3건 중 3건 완료, 0건 실패').waitFor();
    await page.screenshot({ path: path.join(artefacts, 'instance-batch.png'), fullPage: true });
    const retried = await stack.prisma.incident.groupBy({
      by: ['processInstanceId'],
      where: { processInstanceId: { in: [...selected, left] }, state: 'RESOLVED' },
      _count: { _all: true },
    });
    expect(Object.fromEntries(retried.map((row) => [row.processInstanceId, row._count._all]))).toEqual({
      [selected[0] as string]: 1,
      [selected[1] as string]: 1,
      [selected[2] as string]: 1,
    });
  });
});
