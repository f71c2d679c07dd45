/**
 * Edits the panel makes, as bpmn-js commands run together through the properties panel's multi-command executor, so
 * one change is one undo step.
 */
import { extensionElement, extensionValues, isModdleElement, type ModdleElement } from '../moddle-element';

/** A diagram element as the properties panel hands it over. */
export interface DiagramElement {
  id: string;
  businessObject: ModdleElement;
}

export interface BpmnFactory {
  create(type: string, attributes?: Record<string, unknown>): ModdleElement;
}

export interface CommandStack {
  execute(command: string, context: unknown): void;
}

export interface Command {
  cmd: string;
  context: { element: DiagramElement; moddleElement: ModdleElement; properties: Record<string, unknown> };
}

export function updateProperties(
  element: DiagramElement,
  moddleElement: ModdleElement,
  properties: Record<string, unknown>,
): Command {
  return { cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } };
}

export function execute(commandStack: CommandStack, commands: Command[]): void {
  if (commands.length > 0) commandStack.execute('properties-panel.multi-command-executor', commands);
}

/**
 * Sets attributes of the owner's extension element of a type (`undefined` clears one). Creates the element, and
 * the owner's extensionElements, when missing; removes it when no attribute is left, since an empty gov:legalClock
 * or zeebe:taskSchedule is a modelling error rather than nothing.
 */
export function updateExtensionAttributes(
  element: DiagramElement,
  owner: ModdleElement,
  type: string,
  attributes: Record<string, string | undefined>,
  bpmnFactory: BpmnFactory,
): Command[] {
  const existing = extensionElement(owner, type);
  const values = extensionValues(owner);
  if (existing) {
    const remaining = existing.$descriptor.properties
      .filter((property) => property.isAttr)
      .some((property) =>
        filled(property.name in attributes ? attributes[property.name] : existing.get(property.name)),
      );
    if (remaining) return [updateProperties(element, existing, attributes)];
    const container = existing.$parent as ModdleElement;
    return [updateProperties(element, container, { values: values.filter((value) => value !== existing) })];
  }
  if (!Object.values(attributes).some(filled)) return [];
  const commands: Command[] = [];
  const found = owner.get('extensionElements');
  let container: ModdleElement;
  if (isModdleElement(found)) container = found;
  else {
    container = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    container.$parent = owner;
    commands.push(updateProperties(element, owner, { extensionElements: container }));
  }
  const created = bpmnFactory.create(
    type,
    Object.fromEntries(Object.entries(attributes).filter(([, value]) => filled(value))),
  );
  created.$parent = container;
  commands.push(updateProperties(element, container, { values: [...values, created] }));
  return commands;
}

function filled(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}
