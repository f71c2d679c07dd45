/** Marks elements on a canvas (a CSS marker class plus an overlay with a message) and clears them again. */
import type { Diagram } from './load';

interface Canvas {
  addMarker(elementId: string, marker: string): void;
  removeMarker(elementId: string, marker: string): void;
}
interface Overlays {
  add(
    elementId: string,
    type: string,
    overlay: { position: { bottom?: number; left?: number }; html: HTMLElement },
  ): string;
  remove(filter: { type: string }): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}

export interface Mark {
  elementId: string;
  /** Shown beside the element; omitted: the marker alone. */
  message?: string;
}

/** Marks the elements that exist on the canvas; returns the ids that do not (to be listed elsewhere). */
export function markElements(diagram: Diagram, marker: string, marks: Mark[]): string[] {
  const canvas = diagram.get<Canvas>('canvas');
  const overlays = diagram.get<Overlays>('overlays');
  const registry = diagram.get<ElementRegistry>('elementRegistry');
  const missing: string[] = [];
  for (const { elementId, message } of marks) {
    if (!registry.get(elementId)) {
      missing.push(elementId);
      continue;
    }
    canvas.addMarker(elementId, marker);
    if (message) {
      const html = document.createElement('div');
      html.className = `${marker}__overlay`;
      html.textContent = message;
      overlays.add(elementId, marker, { position: { bottom: 0, left: 0 }, html });
    }
  }
  return missing;
}

export function clearMarks(diagram: Diagram, marker: string, elementIds: Iterable<string>): void {
  const canvas = diagram.get<Canvas>('canvas');
  const registry = diagram.get<ElementRegistry>('elementRegistry');
  for (const id of elementIds) if (registry.get(id)) canvas.removeMarker(id, marker);
  diagram.get<Overlays>('overlays').remove({ type: marker });
}
