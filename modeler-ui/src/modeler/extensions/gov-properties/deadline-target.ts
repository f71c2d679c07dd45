/**
 * Where a legal deadline lives on an element. The compiler reads deadlines only as FEEL, so the gov: group edits
 * the expression the engine already honours: a user task's zeebe:taskSchedule dueDate, or the timeDate of a timer
 * that catches (boundary or intermediate).
 */
import { stringProperty, extensionElement, isModdleElement, type ModdleElement } from '../moddle-element';
import {
  updateExtensionAttributes,
  updateProperties,
  type BpmnFactory,
  type Command,
  type DiagramElement,
} from './commands';

export interface DeadlineTarget {
  kind: 'userTask' | 'timer';
  /** The expression now in place, if any. */
  read(): string | undefined;
  /** The commands that put `expression` in place, or remove the deadline when it is undefined. */
  write(expression: string | undefined, bpmnFactory: BpmnFactory): Command[];
}

export function deadlineTarget(element: DiagramElement): DeadlineTarget | undefined {
  const owner = element.businessObject;
  if (owner.$instanceOf('bpmn:UserTask')) return userTaskDueDate(element, owner);
  if (owner.$instanceOf('bpmn:BoundaryEvent') || owner.$instanceOf('bpmn:IntermediateCatchEvent')) {
    const timer = eventDefinitions(owner).find((definition) => definition.$instanceOf('bpmn:TimerEventDefinition'));
    if (timer) return timerDate(element, timer);
  }
  return undefined;
}

function userTaskDueDate(element: DiagramElement, task: ModdleElement): DeadlineTarget {
  return {
    kind: 'userTask',
    read: () => stringProperty(extensionElement(task, 'zeebe:TaskSchedule'), 'dueDate'),
    write: (dueDate, bpmnFactory) =>
      updateExtensionAttributes(element, task, 'zeebe:TaskSchedule', { dueDate }, bpmnFactory),
  };
}

function timerDate(element: DiagramElement, timer: ModdleElement): DeadlineTarget {
  return {
    kind: 'timer',
    read: () => {
      const timeDate = timer.get('timeDate');
      return isModdleElement(timeDate) ? stringProperty(timeDate, 'body') : undefined;
    },
    write: (body, bpmnFactory) => {
      if (body === undefined) return [updateProperties(element, timer, { timeDate: undefined })];
      const timeDate = bpmnFactory.create('bpmn:FormalExpression', { body });
      timeDate.$parent = timer;
      // A timer has exactly one of date, duration and cycle.
      return [updateProperties(element, timer, { timeDate, timeDuration: undefined, timeCycle: undefined })];
    },
  };
}

function eventDefinitions(event: ModdleElement): ModdleElement[] {
  const definitions = event.get('eventDefinitions');
  return Array.isArray(definitions) ? definitions.filter(isModdleElement) : [];
}
