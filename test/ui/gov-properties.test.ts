/**
 * The modeler's gov: properties group in a real browser: the Camunda 8 modeler with what the extensions index
 * exports (bundled from test/ui/gov-properties-harness.ts), edited the way an analyst does, and the XML it writes
 * deployed through the compiler.
 */
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { compileBpmn } from '../../bpmn/compile';
import { browserAvailable, launchBrowser } from '../support/browser';
import { eventually } from '../support/wait';

const describeInBrowser = browserAvailable() ? describe : describe.skip;

/** The harness's `window.modeler`, as far as the tests use it (the functions below run in the page). */
interface PageWindow {
  modeler: {
    importXML(xml: string): Promise<unknown>;
    saveXML(): Promise<{ xml: string }>;
    get(name: 'selection'): { select(element: unknown): void };
    get(name: 'elementRegistry'): { get(id: string): unknown };
    get(name: 'commandStack'): { undo(): void };
  };
}

const shape = (id: string, x: number, y: number, width = 36, height = 36) =>
  `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${x}" y="${y}" width="${width}" height="${height}" /></bpmndi:BPMNShape>`;
const edge = (id: string, [x1, y1]: number[], [x2, y2]: number[]) =>
  `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="${x1}" y="${y1}" /><di:waypoint x="${x2}" y="${y2}" /></bpmndi:BPMNEdge>`;

/** start → answer (with a boundary timer) → supplement requested (none throw event) → end. */
function petitionXml(dueDate?: string): string {
  const schedule = dueDate ? `<zeebe:taskSchedule dueDate="${dueDate.replace(/"/g, '&#34;')}" />` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://bps.onnara.kr/test">
  <bpmn:process id="petition" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="answer" />
    <bpmn:userTask id="answer"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" />${schedule}</bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="answer" targetRef="supplement" />
    <bpmn:intermediateThrowEvent id="supplement" /><bpmn:sequenceFlow id="f3" sourceRef="supplement" targetRef="e" />
    <bpmn:endEvent id="e" />
    <bpmn:boundaryEvent id="late" attachedToRef="answer"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f4" sourceRef="late" targetRef="e2" /><bpmn:endEvent id="e2" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="petition">
    ${shape('s', 100, 100)}${shape('answer', 190, 78, 100, 80)}${shape('supplement', 350, 100)}${shape('e', 450, 100)}
    ${shape('late', 222, 140)}${shape('e2', 222, 230)}
    ${edge('f1', [136, 118], [190, 118])}${edge('f2', [290, 118], [350, 118])}${edge('f3', [386, 118], [450, 118])}
    ${edge('f4', [240, 176], [240, 230])}
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

describeInBrowser('the gov: properties group', () => {
  let outDir: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'gov-properties-'));
    await esbuild.build({
      entryPoints: [path.join(__dirname, 'gov-properties-harness.ts')],
      bundle: true,
      format: 'iife',
      outdir: outDir,
      loader: { '.svg': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.eot': 'dataurl' },
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'error',
    });
    writeFileSync(
      path.join(outDir, 'index.html'),
      `<!doctype html><html lang="ko"><head><meta charset="utf-8"><link rel="stylesheet" href="gov-properties-harness.css"></head>
       <body style="margin:0;display:flex;height:100vh"><div id="canvas" style="flex:1"></div><div id="panel" style="width:400px"></div>
       <script src="gov-properties-harness.js"></script></body></html>`,
    );
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    await page.goto(`file://${path.join(outDir, 'index.html')}`);
  });

  afterEach(() => page.close());

  /** Imports a diagram and waits for the panel's first view of it (the process, which has a classification). */
  async function open(xml: string): Promise<void> {
    await page.evaluate(async (source) => {
      await (window as unknown as PageWindow).modeler.importXML(source);
    }, xml);
    await entry('classification').waitFor({ state: 'attached' });
  }

  const entry = (id: string) => page.locator(`#bio-properties-panel-gov-${id}`);

  /** Selects an element (or the process, given null) and opens the gov: group until the given entry shows. */
  async function select(id: string | null, shownEntry: string): Promise<void> {
    await page.evaluate((elementId) => {
      const { modeler } = window as unknown as PageWindow;
      modeler.get('selection').select(elementId ? modeler.get('elementRegistry').get(elementId) : null);
    }, id);
    await entry(shownEntry).waitFor({ state: 'attached' });
    if (!(await entry(shownEntry).isVisible())) {
      await page.locator('[data-group-id="group-gov"] .bio-properties-panel-group-header').click();
    }
    await entry(shownEntry).waitFor({ state: 'visible' });
  }

  const saveXml = () =>
    page.evaluate(async () => {
      const modeler = (window as unknown as PageWindow).modeler;
      return (await modeler.saveXML()).xml;
    });

  /** Text fields write after their debounce: waits until the saved XML shows what was typed. */
  const savedXmlWith = (text: string) =>
    eventually(async () => ((await saveXml()).includes(text) ? true : undefined), { what: text, timeoutMs: 5_000 });

  it('writes a legal deadline, the clock action, approval line and classification that the compiler deploys', async () => {
    await open(petitionXml());

    await select('answer', 'deadline-rule');
    expect(
      await page.locator('[data-group-id="group-gov"] .bio-properties-panel-group-header-title').textContent(),
    ).toBe('행정 (gov)');
    await entry('deadline-rule').selectOption('civil-petition');
    await entry('deadline-amount').fill('7');
    await savedXmlWith('7, &#34;days&#34;');
    await entry('deadline-clock').fill('answer');
    await savedXmlWith('&#34;days&#34;, &#34;answer&#34;');
    await entry('approval-line').fill('line-7');
    await savedXmlWith('line="line-7"');

    await select('late', 'deadline-rule');
    await entry('deadline-rule').selectOption('civil-petition');
    await entry('deadline-unit').selectOption('hours');

    await select('supplement', 'clock-name');
    await entry('clock-name').fill('answer');
    await savedXmlWith('clock="answer"');
    await entry('clock-action').selectOption('stop');

    await select(null, 'classification');
    await entry('classification').fill('A1-0001');
    await savedXmlWith('code="A1-0001"');

    const xml = await saveXml();
    expect(xml).toContain('<gov:approvalLine line="line-7" />');
    expect(xml).toContain('<gov:classification code="A1-0001" />');
    const [graph] = await compileBpmn(xml);
    expect(graph?.usesLegalTime).toBe(true);
    expect(graph?.elements['answer']).toMatchObject({
      dueDate: { kind: 'feel', source: 'legal deadline("civil-petition", receivedAt, 7, "days", "answer")' },
    });
    expect(graph?.elements['late']).toMatchObject({
      trigger: {
        timer: { kind: 'date', value: { source: 'legal deadline("civil-petition", receivedAt, 3, "hours")' } },
      },
    });
    expect(graph?.elements['supplement']).toMatchObject({ type: 'legalClock', clock: 'answer', action: 'stop' });
  });

  it('reads a deadline back, tells a hand-written one apart, and removes it with "no legal deadline"', async () => {
    await open(petitionXml('=legal deadline("civil-petition", petition.receivedAt, 10, "days")'));
    await select('answer', 'deadline-rule');
    await expect(entry('deadline-rule').inputValue()).resolves.toBe('civil-petition');
    await expect(entry('deadline-amount').inputValue()).resolves.toBe('10');
    await expect(entry('deadline-received-at').inputValue()).resolves.toBe('petition.receivedAt');

    await entry('deadline-rule').selectOption('');
    expect(await saveXml()).not.toContain('taskSchedule');

    await open(
      petitionXml('=date and time(legal deadline("civil-petition", receivedAt, 3, "days")) - duration("PT1H")'),
    );
    await select('answer', 'deadline-rule');
    await expect(entry('deadline-rule').inputValue()).resolves.toBe('');
    await expect(entry('deadline-amount').count()).resolves.toBe(0);
    await expect(page.getByText('직접 작성한 FEEL 식').count()).resolves.toBe(1);
  });

  it('makes one undo step of a clock name that had to create its extension element', async () => {
    await open(petitionXml());
    await select('supplement', 'clock-name');
    await entry('clock-name').fill('answer');
    await savedXmlWith('<gov:legalClock clock="answer" />');
    await page.evaluate(() => {
      (window as unknown as PageWindow).modeler.get('commandStack').undo();
    });
    const xml = await saveXml();
    // Neither the clock nor the extensionElements it needed are left.
    expect(xml).toContain('<bpmn:intermediateThrowEvent id="supplement" />');
  });
});
