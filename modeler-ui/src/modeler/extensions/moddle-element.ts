/** The part of moddle's element API the extensions use (bpmn-js and bpmnlint hand them out untyped). */
export interface ModdleProperty {
  name: string;
  isAttr?: boolean;
  isReference?: boolean;
}

export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  $descriptor: { properties: ModdleProperty[] };
  $instanceOf(type: string): boolean;
  get(property: string): unknown;
}

export function isModdleElement(value: unknown): value is ModdleElement {
  return typeof value === 'object' && value !== null && '$descriptor' in value;
}

export function stringProperty(element: ModdleElement | undefined, property: string): string | undefined {
  const value = element?.get(property);
  return typeof value === 'string' ? value : undefined;
}

/** The first extension element of a type, e.g. extensionElement(task, 'zeebe:TaskSchedule'). */
export function extensionElement(element: ModdleElement, type: string): ModdleElement | undefined {
  return extensionValues(element).find((value) => value.$instanceOf(type));
}

export function extensionValues(element: ModdleElement): ModdleElement[] {
  const extensionElements = element.get('extensionElements');
  if (!isModdleElement(extensionElements)) return [];
  const values = extensionElements.get('values');
  return Array.isArray(values) ? values.filter(isModdleElement) : [];
}
