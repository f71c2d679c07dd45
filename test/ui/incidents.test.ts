/**
 * The incidents page in a real browser against the real stack: a gateway with no true condition stops an instance
 * in an incident; an administrator finds it in the list, opens it, fixes the variable and resolves it, and the
 * instance completes. Invalid JSON is refused in the browser; managers read but cannot resolve; civil servants are
 * told they may not read incidents.
 */
import type { Browser, Page } from 'playwright-core';
import { browserAvailable, serveWithBrowser, signIn as signInAt } from '../support/browser';
import { bpmn, flow } from '../support/bpmn';
import { deploy, start } from '../support/instances';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';
import { orgUnitId } from '../support/tasks';
import { eventually } from '../support/wait';

const describeInBrowser = browserAvailable() ? describe : describe.skip;

const processId = 'ui-incident-routing';
const routingXml = bpmn(
  `<bpmn:startEvent id="start" />${flow('f0', 'start', 'route')}
   <bpmn:exclusiveGateway id="route" name="Route by channel" />
   <bpmn:sequenceFlow id="to-online" sourceRef="route" targetRef="online-end"><bpmn:conditionExpression>=channel = "online"</bpmn:conditionExpression></bpmn:sequenceFlow>
   <bpmn:sequenceFlow id="to-visit" sourceRef="route" targetRef="visit-end"><bpmn:conditionExpression>=channel = "visit"</bpmn:conditionExpression></bpmn:sequenceFlow>
   <bpmn:endEvent id="online-end" /><bpmn:endEvent id="visit-end" />`,
  processId,
);

describeInBrowser('incidents in the browser', () => {
  let stack: TestStack;
  let baseUrl: string;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    stack = await startTestStack();
    ({ baseUrl, browser, close: closeBrowser } = await serveWithBrowser(stack.app));
    await deploy(stack, routingXml);
  });

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  async function signIn(username: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAt(page, baseUrl, username, PASSWORD);
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    return page;
  }

  it('an administrator finds the incident, is stopped by invalid JSON, resolves it with a fixed variable, and the instance completes', async () => {
    // given an instance stopped at a gateway none of whose conditions holds
    const { instanceId, result } = await start(stack, processId, { channel: 'post' });
    const incident = await eventually(
      () =>
        stack.prisma.incident
          .findFirst({ where: { processInstanceId: instanceId, state: 'OPEN' } })
          .then((row) => row ?? undefined),
      { what: 'the incident row' },
    );
    expect(incident.elementId).toBe('route');

    // when the administrator opens the incidents page from the menu
    const page = await signIn('admin');
    const resolveRequests: string[] = [];
    page.on('request', (req) => {
      if (req.url().includes('/resolve')) resolveRequests.push(req.postData() ?? '');
    });
    await page.getByRole('navigation').getByRole('link', { name: '장애' }).click();
    await page.getByRole('heading', { name: '장애 목록' }).waitFor();

    // then the open incident is listed with its element and its whole message
    const row = page.getByRole('row').filter({ hasText: incident.message });
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(expect.arrayContaining([processId, incident.message]));

    // when they open it
    await row.getByRole('link', { name: 'route' }).click();
    await page.getByRole('heading', { name: '장애: route' }).waitFor();
    await expect(page.locator('.json-view').innerText()).resolves.toContain('"channel": "post"');
    const incidentRows = page.locator('tr.is-incident');
    await expect(incidentRows.count()).resolves.toBe(1);
    await expect(incidentRows.getByRole('rowheader').innerText()).resolves.toBe('route');
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/bps-incident-open.png`, fullPage: true });

    // and type invalid JSON, or JSON that is not an object: an inline error, and nothing is sent
    const variables = page.getByLabel('설정할 변수 (JSON 객체)');
    const resolveButton = page.getByRole('button', { name: '해결 후 다시 실행' });
    await variables.fill('{"channel": online}');
    await resolveButton.click();
    await expect(page.getByRole('alert').filter({ hasText: '올바른 JSON이 아닙니다' }).isVisible()).resolves.toBe(true);
    await expect(variables.getAttribute('aria-invalid')).resolves.toBe('true');
    await variables.fill('["online"]');
    await resolveButton.click();
    await page.getByRole('alert').filter({ hasText: 'JSON 객체' }).waitFor();
    expect(resolveRequests).toEqual([]);
    expect((await stack.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).state).toBe('OPEN');

    // when they fix the variable and resolve
    await variables.fill('{"channel": "online"}');
    await resolveButton.click();

    // then the page shows the incident resolved, with a notice
    await page.locator('.badge--incident-resolved', { hasText: '해결됨' }).waitFor();
    await page.getByRole('status').filter({ hasText: '장애를 해결했습니다' }).waitFor();
    expect(resolveRequests.map((body) => JSON.parse(body) as unknown)).toEqual([{ variables: { channel: 'online' } }]);
    await expect(page.getByRole('button', { name: '해결 후 다시 실행' }).count()).resolves.toBe(0);

    // and the instance runs the gateway again and completes through the online branch
    const { endElementId, variables: finalVariables } = await result();
    expect(endElementId).toBe('online-end');
    expect(finalVariables).toMatchObject({ channel: 'online' });
    const instance = await eventually(
      async () => {
        const found = await stack.prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
        return found.state === 'COMPLETED' ? found : undefined;
      },
      { what: 'the instance to complete' },
    );
    expect(instance.endElementId).toBe('online-end');
    expect(await stack.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).toMatchObject({
      state: 'RESOLVED',
      resolvedBy: 'admin',
    });

    // the detail page after a reload shows the completed instance and no resolve form
    await page.reload();
    await page.getByRole('heading', { name: '장애: route' }).waitFor();
    await page.getByText('이 장애는 해결됨 상태입니다.').waitFor();
    await page.screenshot({
      path: `${process.env.SCREENSHOT_DIR ?? '/tmp'}/bps-incident-resolved.png`,
      fullPage: true,
    });
    await page.close();
  });

  it('a manager reads an incident but gets no resolve button; a civil servant sees no menu entry and a clear refusal', async () => {
    // given an open incident of an instance of civil-affairs, the unit manager1 heads
    const { instanceId } = await start(stack, processId, { channel: 'fax' });
    const civilAffairs = await orgUnitId(stack, 'civil-affairs');
    await stack.prisma.processInstance.update({ where: { id: instanceId }, data: { orgUnitId: civilAffairs } });
    const incident = await eventually(
      () =>
        stack.prisma.incident
          .findFirst({ where: { processInstanceId: instanceId, state: 'OPEN' } })
          .then((row) => row ?? undefined),
      { what: 'the incident row' },
    );

    // a manager opens it: details, but only a note instead of the form
    const manager = await signIn('manager1');
    await manager.goto(`${baseUrl}/#/incidents/${incident.id}`);
    await manager.getByRole('heading', { name: '장애: route' }).waitFor();
    await manager.getByText('장애를 해결할 권한이 없습니다').waitFor();
    await expect(manager.getByRole('button', { name: '해결 후 다시 실행' }).count()).resolves.toBe(0);
    await manager.close();

    // a civil servant: no menu entry; the page itself says they may not read incidents
    const clerk = await signIn('clerk1');
    await expect(clerk.getByRole('navigation').getByRole('link', { name: '장애' }).count()).resolves.toBe(0);
    await clerk.goto(`${baseUrl}/#/incidents`);
    await clerk.getByRole('alert').filter({ hasText: '장애를 조회할 권한이 없습니다' }).waitFor();
    await clerk.close();
    expect((await stack.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).state).toBe('OPEN');
  });
});
