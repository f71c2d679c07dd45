/**
 * The org chart page in a real browser: an administrator picks a unit in the tree, adds a person to it, and moves
 * another person to a second unit naming a successor, whose open task passes over with the move; the Hangul of the
 * page is drawn in the bundled typeface. A clerk reads the same page without the administrators' forms. The suite
 * mutates only the units and people it creates.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import {
  browserAvailable,
  fontsDrawing,
  KOREAN_TYPEFACE,
  serveWithBrowser,
  signIn as signInAt,
} from '../support/browser';
import { PASSWORD, startTestStack, type TestStack } from '../support/stack';
import { rowsOnlyGraph } from '../support/tasks';

const describeInBrowser = browserAvailable() ? describe : describe.skip;

describeInBrowser('org chart in the browser', () => {
  let stack: TestStack;
  let baseUrl: string;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const unitIds: Record<string, string> = {};
  const personIds: Record<string, string> = {};
  let taskId: string;

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    ({ baseUrl, browser, close: closeBrowser } = await serveWithBrowser(stack.app));
    const admin = { Authorization: `Bearer ${await stack.login('admin')}` };
    const agency = await stack.prisma.orgUnit.findUniqueOrThrow({ where: { code: 'onnara-city' } });
    for (const [code, name] of [
      ['ui-org-civil', '화면시험과'],
      ['ui-org-other', '전입시험과'],
    ] as const) {
      const response = await request(stack.app)
        .post('/api/org/units')
        .set(admin)
        .send({ code, name, kind: 'DEPARTMENT', parentId: agency.id })
        .expect(201);
      unitIds[code] = (response.body as { id: string }).id;
    }
    for (const [username, displayName] of [
      ['uiorg-mover', '이전보'],
      ['uiorg-heir', '김인수'],
    ] as const) {
      const response = await request(stack.app)
        .post('/api/org/people')
        .set(admin)
        .send({ username, displayName, password: PASSWORD, orgUnitId: unitIds['ui-org-civil'], positionCode: 'staff' })
        .expect(201);
      personIds[username] = (response.body as { id: string }).id;
    }
    // An open task of the person who will move, on an instance without a workflow behind it.
    const definition = await stack.prisma.processDefinition.create({
      data: {
        bpmnProcessId: 'ui-org',
        version: 1,
        xml: '<definitions/>',
        graph: rowsOnlyGraph('ui-org'),
        contentHash: 'ui-org',
      },
    });
    const instance = await stack.prisma.processInstance.create({
      data: { id: randomUUID(), definitionId: definition.id, bpmnProcessId: 'ui-org', version: 1 },
    });
    taskId = randomUUID();
    await stack.prisma.userTask.create({
      data: {
        id: taskId,
        processInstanceId: instance.id,
        elementId: 'review',
        elementInstanceId: 'review#1',
        name: '검토',
        assignee: 'uiorg-mover',
        candidateGroups: ['ui-org-civil'],
      },
    });
  });

  afterAll(async () => {
    await closeBrowser?.();
    await stack?.stop();
  });

  async function openOrgChart(username: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAt(page, baseUrl, username, PASSWORD);
    await page.getByRole('heading', { name: '내 업무 목록' }).waitFor();
    await page.getByRole('link', { name: '조직도' }).click();
    await page.getByRole('heading', { name: '조직도', level: 1 }).waitFor();
    await page.getByRole('button', { name: '화면시험과' }).click();
    await page.getByRole('table', { name: '화면시험과 직원 2명' }).waitFor();
    return page;
  }

  it('an administrator adds a person and moves another, handing over the open task', async () => {
    const page = await openOrgChart('admin');
    expect(await page.getByRole('button', { name: '화면시험과' }).getAttribute('aria-current')).toBe('true');
    await expect(fontsDrawing(page, '.org-tree__unit[aria-current="true"]')).resolves.toEqual([
      { familyName: KOREAN_TYPEFACE, isCustomFont: true },
    ]);

    // adds a person to the selected unit
    const addForm = page.getByRole('form', { name: '직원 추가' });
    await addForm.getByLabel('아이디').fill('uiorg-new');
    await addForm.getByLabel('이름', { exact: true }).fill('박신규');
    await addForm.getByLabel('초기 비밀번호 (8자 이상)').fill(PASSWORD);
    await addForm.getByLabel('직급').selectOption('grade-9');
    await addForm.getByRole('button', { name: '직원 추가' }).click();
    await page.getByText('박신규 님을 화면시험과에 추가했습니다.').waitFor();
    const table = page.getByRole('table', { name: '화면시험과 직원 3명' });
    await table.getByRole('row', { name: /박신규/ }).waitFor();
    await expect(table.getByRole('row', { name: /박신규/ }).textContent()).resolves.toContain('9급 (서기보)');
    const added = await stack.prisma.user.findUniqueOrThrow({
      where: { username: 'uiorg-new' },
      include: { memberships: true, groups: true },
    });
    expect(added).toMatchObject({ orgUnitId: unitIds['ui-org-civil'], positionCode: 'staff', rankCode: 'grade-9' });
    expect(added.memberships).toEqual([expect.objectContaining({ orgUnitId: unitIds['ui-org-civil'], until: null })]);
    expect(added.groups.map((group) => group.groupCode)).toEqual(['ui-org-civil']);

    // moves another person to the second unit, naming the successor of their open task
    await page.getByRole('button', { name: '이전보 전보' }).click();
    const moveForm = page.getByRole('form', { name: '전보' });
    await moveForm.getByLabel('새 부서').selectOption(unitIds['ui-org-other'] ?? '');
    await moveForm.getByLabel('업무 인수자').selectOption(personIds['uiorg-heir'] ?? '');
    await moveForm.getByRole('button', { name: '전보 발령' }).click();
    await page.getByText('이전보 님을 전입시험과(으)로 전보했습니다.').waitFor();
    await page.getByText('처리 중인 업무 1건을 인계했습니다.').waitFor();
    await page.getByRole('table', { name: '화면시험과 직원 2명' }).waitFor();

    const moved = await stack.prisma.user.findUniqueOrThrow({
      where: { username: 'uiorg-mover' },
      include: { memberships: { orderBy: { since: 'asc' } } },
    });
    expect(moved.orgUnitId).toBe(unitIds['ui-org-other']);
    expect(moved.memberships.map((row) => [row.orgUnitId, row.until === null])).toEqual([
      [unitIds['ui-org-civil'], false],
      [unitIds['ui-org-other'], true],
    ]);
    expect(await stack.prisma.userTask.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({
      assignee: 'uiorg-heir',
    });

    // the moved person's record shows both stays and the handover
    await page.getByRole('button', { name: '전입시험과' }).click();
    await page.getByRole('button', { name: '이전보 인사 이력 보기' }).click();
    const record = page.getByRole('table', { name: '이전보 님의 소속 이력 (최근순)' });
    await record.waitFor();
    expect(await record.getByRole('row').allTextContents()).toEqual([
      expect.stringContaining('부서'),
      expect.stringMatching(/^전입시험과주무관.*현재$/),
      expect.stringMatching(/^화면시험과주무관/),
    ]);
    await page.getByText('이전보 → 김인수: 업무 1건 (전보: 전입시험과)').waitFor();
    await page.close();
  });

  it('a clerk reads the chart without the forms that change it', async () => {
    const page = await openOrgChart('clerk1');
    await page.getByRole('cell', { name: 'uiorg-heir' }).waitFor();
    expect(await page.getByRole('form').count()).toBe(0);
    expect(await page.getByRole('button', { name: /전보$/ }).count()).toBe(0);
    await page.close();
  });
});
