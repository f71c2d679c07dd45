/**
 * Creates the Camunda 8 (Zeebe) bpmn-js modeler or a read-only viewer. Everything heavy is imported here, lazily,
 * so only the pages that draw diagrams pay for bpmn-js.
 */
import type BaseViewer from 'bpmn-js/lib/BaseViewer';
import type { ModuleDeclaration } from 'didi';
import { lacksLayout, layOut } from './layout';
import { translateModule } from './translate';

export type Diagram = BaseViewer;

/** The modeler with its properties panel, our extensions, element templates and (when configured) linting. */
export async function createModeler(container: HTMLElement, propertiesParent: HTMLElement): Promise<Diagram> {
  const [{ default: Modeler }, extensions, { default: lintModule }] = await Promise.all([
    import('camunda-bpmn-js/lib/camunda-cloud/Modeler'),
    import('./extensions'),
    import('bpmn-js-bpmnlint'),
  ]);
  const { extensionModules, moddleExtensions, elementTemplates, lintConfig } = extensions;
  const modules = [translateModule, ...(lintConfig ? [lintModule] : []), ...extensionModules] as ModuleDeclaration[];
  return new Modeler({
    container,
    propertiesPanel: { parent: propertiesParent },
    additionalModules: modules,
    moddleExtensions,
    elementTemplates,
    ...(lintConfig ? { linting: { bpmnlint: lintConfig, active: true } } : {}),
  });
}

/** A read-only viewer that can still be panned and zoomed. */
export async function createViewer(container: HTMLElement): Promise<Diagram> {
  const [{ default: NavigatedViewer }, { moddleExtensions }] = await Promise.all([
    import('camunda-bpmn-js/lib/camunda-cloud/NavigatedViewer'),
    import('./extensions'),
  ]);
  return new NavigatedViewer({
    container,
    additionalModules: [translateModule],
    moddleExtensions,
  });
}

/** Imports the XML, laying it out first when it has no diagram information; fits it to the canvas. */
export async function openXml(diagram: Diagram, xml: string): Promise<{ laidOut: boolean; warnings: number }> {
  const laidOut = lacksLayout(xml);
  const { warnings } = await diagram.importXML(laidOut ? await layOut(xml) : xml);
  diagram.get<{ zoom(level: string): void }>('canvas').zoom('fit-viewport');
  return { laidOut, warnings: warnings.length };
}
