/** Reading and changing the BPMN model behind a diagram through bpmn-js services (so every change can be undone). */
import type { Diagram } from './load';

export interface ModdleElement {
  id: string;
  name?: string;
  $type: string;
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
}

export interface Shape {
  id: string;
  type: string;
  businessObject: ModdleElement;
}

interface Moddle {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}
interface Modeling {
  updateProperties(element: Shape, properties: Record<string, unknown>): void;
  updateModdleProperties(element: Shape, target: ModdleElement, properties: Record<string, unknown>): void;
}

/** The id of the diagram's (first) process, whether it is drawn plainly or inside a pool. */
export function processIdOf(diagram: Diagram): string | null {
  const definitions = diagram.getDefinitions() as unknown as { rootElements?: ModdleElement[] };
  const process = definitions.rootElements?.find((root) => root.$instanceOf('bpmn:Process'));
  return process?.id ?? null;
}

export function selectedElements(diagram: Diagram): Shape[] {
  return diagram.get<{ get(): Shape[] }>('selection').get();
}

function extensionValues(element: Shape): ModdleElement[] {
  const extensions = element.businessObject.get('extensionElements') as ModdleElement | undefined;
  return (extensions?.get('values') as ModdleElement[] | undefined) ?? [];
}

/** The form id a user task links with `zeebe:formDefinition formId`, if any. */
export function linkedFormId(element: Shape): string | undefined {
  const definition = extensionValues(element).find((value) => value.$instanceOf('zeebe:FormDefinition'));
  const formId = definition?.get('formId');
  return typeof formId === 'string' && formId ? formId : undefined;
}

/** Links a user task to a deployed form: `zeebe:formDefinition formId` (replacing any form key or reference). */
export function linkForm(diagram: Diagram, element: Shape, formId: string): void {
  const moddle = diagram.get<Moddle>('moddle');
  const modeling = diagram.get<Modeling>('modeling');
  let extensions = element.businessObject.get('extensionElements') as ModdleElement | undefined;
  if (!extensions) {
    extensions = moddle.create('bpmn:ExtensionElements', { values: [] });
    modeling.updateProperties(element, { extensionElements: extensions });
  }
  const values = extensionValues(element);
  const definition = values.find((value) => value.$instanceOf('zeebe:FormDefinition'));
  if (definition) {
    modeling.updateModdleProperties(element, definition, { formId, formKey: undefined, externalReference: undefined });
  } else {
    modeling.updateModdleProperties(element, extensions, {
      values: [...values, moddle.create('zeebe:FormDefinition', { formId })],
    });
  }
}
