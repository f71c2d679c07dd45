/**
 * Creates the Camunda 8 (Zeebe) bpmn-js modeler or a read-only viewer. Everything heavy is imported here, lazily,
 * so only the pages that draw diagrams pay for bpmn-js.
 */
import type BaseViewer from 'bpmn-js/lib/BaseViewer';
import type CloudModeler from 'camunda-bpmn-js/lib/camunda-cloud/Modeler.js';
import type CloudNavigatedViewer from 'camunda-bpmn-js/lib/camunda-cloud/NavigatedViewer.js';
import type { ModuleDeclaration } from 'didi';
import { keepEngineTimersModule } from './engine-timers';
import { lacksLayout, layOut } from './layout';
import { translateModule } from './translate';

export type Diagram = BaseViewer;

/**
 * bpmn-js measures and draws element names in SVG text with its own font setting, not the page's CSS: name the
 * bundled Korean typeface, or Hangul names are measured and drawn in a font this machine may lack.
 */
const DIAGRAM_FONT = { fontFamily: "'Pretendard GOV Variable', 'Pretendard GOV', sans-serif" };
const textRenderer = { defaultStyle: DIAGRAM_FONT, externalStyle: DIAGRAM_FONT };

/**
 * The default export of a lazily imported ES module. (Typed by hand: the repository-wide type check reads these files
 * with Node's module rules, under which camunda-bpmn-js, a package without `"type": "module"`, would be CommonJS.)
 */
async function defaultExport<T>(module: Promise<unknown>): Promise<T> {
  return ((await module) as { default: T }).default;
}

/** The modeler with its properties panel, our extensions, element templates and (when configured) linting. */
export async function createModeler(container: HTMLElement, propertiesParent: HTMLElement): Promise<Diagram> {
  const [Modeler, extensions, { default: lintModule }] = await Promise.all([
    defaultExport<typeof CloudModeler>(import('camunda-bpmn-js/lib/camunda-cloud/Modeler.js')),
    import('./extensions/index.js'),
    import('bpmn-js-bpmnlint'),
  ]);
  const { extensionModules, moddleExtensions, elementTemplates, lintConfig } = extensions;
  const modules = [
    translateModule,
    keepEngineTimersModule,
    ...(lintConfig ? [lintModule] : []),
    ...extensionModules,
  ] as ModuleDeclaration[];
  return new Modeler({
    container,
    propertiesPanel: { parent: propertiesParent },
    // Opening a diagram must not change it (moving every element to the origin would make a draft of a mere look).
    disableAdjustOrigin: true,
    additionalModules: modules,
    moddleExtensions,
    elementTemplates,
    textRenderer,
    ...(lintConfig ? { linting: { bpmnlint: lintConfig, active: true } } : {}),
  });
}

/** A read-only viewer that can still be panned and zoomed. */
export async function createViewer(container: HTMLElement): Promise<Diagram> {
  const [NavigatedViewer, { moddleExtensions }] = await Promise.all([
    defaultExport<typeof CloudNavigatedViewer>(import('camunda-bpmn-js/lib/camunda-cloud/NavigatedViewer.js')),
    import('./extensions/index.js'),
  ]);
  return new NavigatedViewer({
    container,
    additionalModules: [translateModule],
    moddleExtensions,
    textRenderer,
  });
}

/** Imports the XML, laying it out first when it has no diagram information; fits it to the canvas. */
export async function openXml(diagram: Diagram, xml: string): Promise<{ laidOut: boolean; warnings: number }> {
  const laidOut = lacksLayout(xml);
  const { warnings } = await diagram.importXML(laidOut ? await layOut(xml) : xml);
  fitToCanvas(diagram.get<Canvas>('canvas'));
  return { laidOut, warnings: warnings.length };
}

interface Canvas {
  zoom(level?: number | 'fit-viewport', center?: 'auto'): number;
  scroll(delta: { dx: number; dy: number }): void;
  getContainer(): HTMLElement;
}

/** Fits the whole diagram into view, clear of the palette that covers the canvas's left edge in the modeler. */
function fitToCanvas(canvas: Canvas): void {
  const scale = canvas.zoom('fit-viewport', 'auto');
  const container = canvas.getContainer();
  const palette = container.querySelector('.djs-palette');
  if (!palette) return;
  const inset = palette.getBoundingClientRect().right - container.getBoundingClientRect().left;
  const width = container.clientWidth;
  if (inset <= 0 || inset >= width) return;
  canvas.zoom(scale * ((width - inset) / width), 'auto');
  canvas.scroll({ dx: inset / 2, dy: 0 });
}
