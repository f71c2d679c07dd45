/** What changed between two versions of a diagram, element by element (layout-only moves are not changes). */
import type { Diagram } from './load';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface ElementChange {
  elementId: string;
  name: string;
  type: string;
  kind: ChangeKind;
  /** For `changed`: each property path with its old and new value. */
  properties: { path: string; before: unknown; after: unknown }[];
}

export async function diffDiagrams(left: Diagram, right: Diagram): Promise<ElementChange[]> {
  const { diff } = await import('bpmn-js-differ');
  const changes = diff(left.getDefinitions() as object, right.getDefinitions() as object);
  const list: ElementChange[] = [];
  const simple = (kind: ChangeKind, elements: Record<string, { id: string; name?: string; $type: string }>): void => {
    for (const element of Object.values(elements)) {
      list.push({ elementId: element.id, name: element.name ?? '', type: element.$type, kind, properties: [] });
    }
  };
  simple('added', changes._added);
  simple('removed', changes._removed);
  for (const [elementId, { model, attrs }] of Object.entries(changes._changed)) {
    list.push({
      elementId,
      name: model.name ?? '',
      type: model.$type,
      kind: 'changed',
      // bpmn-js-differ 3 hands jsondiffpatch's [old, new] pair to a (newValue, oldValue) signature, so its
      // `oldValue` holds the right-hand (newer) value.
      properties: Object.entries(attrs).map(([path, { oldValue, newValue }]) => ({
        path,
        before: newValue,
        after: oldValue,
      })),
    });
  }
  return list.sort((a, b) => a.elementId.localeCompare(b.elementId));
}
