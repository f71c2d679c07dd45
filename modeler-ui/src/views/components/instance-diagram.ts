/**
 * The diagram of an instance's version with its path: completed elements, taken flows, active elements with their
 * token counts, and elements in an incident. The marks come from the element history alone.
 */
import type { ElementHistoryEntry } from '../../api';
import { h } from '../../lib/dom';
import { createViewer, openXml, type Diagram } from '../../modeler/load';
import { t } from '../../i18n';

export interface PathMarks {
  completed: Set<string>;
  /** Element id → how many of its instances are active (its tokens). */
  active: Map<string, number>;
  incidents: Set<string>;
  takenFlows: Set<string>;
}

export interface Flow {
  id: string;
  source: string;
  target: string;
}

/**
 * What the history says about each element and flow. A flow counts as taken when an instance of its target started
 * once an instance of its source had completed: the order the interpreter moves a token along it.
 */
export function pathMarks(history: readonly ElementHistoryEntry[], flows: readonly Flow[]): PathMarks {
  const marks: PathMarks = { completed: new Set(), active: new Map(), incidents: new Set(), takenFlows: new Set() };
  const ends = new Map<string, number[]>();
  const starts = new Map<string, number[]>();
  for (const entry of history) {
    if (entry.state === 'COMPLETED') marks.completed.add(entry.elementId);
    if (entry.state === 'INCIDENT') marks.incidents.add(entry.elementId);
    if (entry.state === 'ACTIVE' || entry.state === 'INCIDENT')
      marks.active.set(entry.elementId, (marks.active.get(entry.elementId) ?? 0) + 1);
    if (entry.state === 'COMPLETED' && entry.endedAt)
      ends.set(entry.elementId, [...(ends.get(entry.elementId) ?? []), Date.parse(entry.endedAt)]);
    starts.set(entry.elementId, [...(starts.get(entry.elementId) ?? []), Date.parse(entry.startedAt)]);
  }
  for (const flow of flows) {
    const sourceEnds = ends.get(flow.source) ?? [];
    const targetStarts = starts.get(flow.target) ?? [];
    if (sourceEnds.some((end) => targetStarts.some((start) => start >= end))) marks.takenFlows.add(flow.id);
  }
  return marks;
}

interface Shape {
  id: string;
  type: string;
  businessObject: { sourceRef?: { id: string }; targetRef?: { id: string } };
}
interface Canvas {
  addMarker(id: string, marker: string): void;
  removeMarker(id: string, marker: string): void;
}
interface Overlays {
  add(id: string, type: string, overlay: { position: { bottom?: number; right?: number }; html: HTMLElement }): void;
  remove(filter: { type: string }): void;
}
interface ElementRegistry {
  getAll(): Shape[];
}
interface EventBus {
  on(event: 'element.click', callback: (event: { element: Shape }) => void): void;
}

const markerClasses = ['instance-completed', 'instance-active', 'instance-incident', 'instance-taken'] as const;

export interface InstanceDiagram {
  /** Marks the path of this history (replacing the marks of the previous one). */
  show(history: readonly ElementHistoryEntry[]): void;
}

/** Draws `xml` in `host`; clicking an element (not the canvas) calls `onSelect` with its id. */
export async function createInstanceDiagram(
  host: HTMLElement,
  xml: string,
  onSelect: (elementId: string) => void,
): Promise<InstanceDiagram> {
  const diagram: Diagram = await createViewer(host);
  await openXml(diagram, xml);
  const canvas = diagram.get<Canvas>('canvas');
  const overlays = diagram.get<Overlays>('overlays');
  const shapes = diagram.get<ElementRegistry>('elementRegistry').getAll();
  const flows = shapes.flatMap((shape) =>
    shape.type === 'bpmn:SequenceFlow' && shape.businessObject.sourceRef && shape.businessObject.targetRef
      ? [{ id: shape.id, source: shape.businessObject.sourceRef.id, target: shape.businessObject.targetRef.id }]
      : [],
  );
  const selectable = new Set(
    shapes.filter((shape) => !/Process|Collaboration|Lane$/.test(shape.type)).map((s) => s.id),
  );
  diagram.get<EventBus>('eventBus').on('element.click', ({ element }) => {
    if (selectable.has(element.id)) onSelect(element.id);
  });

  return {
    show(history) {
      const marks = pathMarks(history, flows);
      for (const shape of shapes) for (const marker of markerClasses) canvas.removeMarker(shape.id, marker);
      overlays.remove({ type: 'instance-tokens' });
      for (const id of marks.completed) canvas.addMarker(id, 'instance-completed');
      for (const id of marks.takenFlows) canvas.addMarker(id, 'instance-taken');
      for (const id of marks.incidents) canvas.addMarker(id, 'instance-incident');
      for (const [id, tokens] of marks.active) {
        canvas.addMarker(id, 'instance-active');
        const label = t('instances.diagram.tokens', { count: tokens });
        overlays.add(id, 'instance-tokens', {
          position: { bottom: 12, right: 12 },
          html: h('span', { class: 'instance-tokens', title: label, 'aria-label': label }, String(tokens)),
        });
      }
    },
  };
}
