/** Parses BPMN XML into a moddle tree that knows the Zeebe (Camunda 8) and gov: extension elements. */
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import zeebeDescriptor from 'zeebe-bpmn-moddle/resources/zeebe.json';
import govDescriptor from './gov.json';
import { AppError } from '../shared/app-error';

export type { ModdleElement };

/** Camunda 8's extensions, and ours (`gov:`, bpmn/gov.json — the same file the modeler will load). */
const moddle = new BpmnModdle({ zeebe: zeebeDescriptor, gov: govDescriptor });

export async function parseBpmn(xml: string): Promise<ModdleElement> {
  let rootElement: ModdleElement;
  try {
    ({ rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions'));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new AppError('XML_MALFORMED', `The document is not valid BPMN 2.0 XML: ${reason}`);
  }
  return rootElement;
}

/** Typed accessors over moddle's dynamic properties. */
export function str(element: ModdleElement, property: string): string | undefined {
  const value = element[property];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function list(element: ModdleElement | undefined, property: string): ModdleElement[] {
  const value = element?.[property];
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

export function ref(element: ModdleElement, property: string): ModdleElement | undefined {
  const value = element[property];
  return value && typeof value === 'object' ? (value as ModdleElement) : undefined;
}

/** The extension elements of a given type, e.g. extensions(task, 'zeebe:TaskDefinition'). */
export function extensions(element: ModdleElement, type: string): ModdleElement[] {
  const container = ref(element, 'extensionElements');
  return list(container, 'values').filter((value) => value.$instanceOf(type));
}

export function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  return extensions(element, type)[0];
}

/** The text of a bpmn:FormalExpression property (conditions, loop conditions), trimmed; undefined when absent or blank. */
export function expressionBody(element: ModdleElement, property: string): string | undefined {
  const expression = ref(element, property);
  return (expression && str(expression, 'body')?.trim()) || undefined;
}

/** The one event definition of an event, or undefined for a none event (several are reported by the caller). */
export function eventDefinitions(element: ModdleElement): ModdleElement[] {
  return list(element, 'eventDefinitions');
}

/** The short BPMN type name for messages: 'bpmn:ComplexGateway' → 'ComplexGateway'. */
export function typeName(element: ModdleElement): string {
  return element.$type.replace(/^bpmn:/, '');
}
