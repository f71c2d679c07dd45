/**
 * The heatmap: the process diagram in the read-only viewer with a badge on every element that has run, showing how
 * many times it completed, its mean duration and its running tokens, coloured by how long it takes compared with
 * the slowest element.
 */
import type { ElementFigures } from '../../api';
import { createViewer, openXml } from '../../modeler/load';
import { h } from '../../lib/dom';
import { t } from '../../i18n';
import { formatDurationMs } from './duration';

interface Overlays {
  add(
    elementId: string,
    overlay: { position: { top?: number; left?: number; right?: number; bottom?: number }; html: HTMLElement },
  ): string;
}
interface ElementRegistry {
  get(id: string): unknown;
}

/** Draws the diagram into `host` and adds one badge per element with figures; resolves when it is drawn. */
export async function drawHeatmap(host: HTMLElement, xml: string, elements: ElementFigures[]): Promise<void> {
  const diagram = await createViewer(host);
  await openXml(diagram, xml);
  const overlays = diagram.get<Overlays>('overlays');
  const registry = diagram.get<ElementRegistry>('elementRegistry');
  const slowest = Math.max(1, ...elements.map(({ meanDurationMs }) => meanDurationMs ?? 0));
  for (const figures of elements) {
    if (!registry.get(figures.elementId)) continue;
    overlays.add(figures.elementId, { position: { bottom: -6, right: 6 }, html: badge(figures, slowest) });
  }
}

function badge(figures: ElementFigures, slowest: number): HTMLElement {
  // Five steps of intensity, from the fastest (pale) to the slowest (deep red).
  const intensity = Math.min(4, Math.floor(((figures.meanDurationMs ?? 0) / slowest) * 5));
  const mean = figures.meanDurationMs === null ? '—' : formatDurationMs(figures.meanDurationMs);
  const label = t('dashboards.heatmap.badge', {
    completed: figures.completed,
    mean,
    active: figures.active,
    incidents: figures.incidents,
  });
  return h(
    'div',
    {
      class: ['heatmap-badge', `heatmap-badge--${intensity}`, figures.incidents > 0 && 'heatmap-badge--incident'],
      data: { elementId: figures.elementId, completed: String(figures.completed), active: String(figures.active) },
      title: label,
      'aria-label': label,
      role: 'img',
    },
    h('span', { class: 'heatmap-badge__count' }, figures.completed.toLocaleString()),
    h('span', { class: 'heatmap-badge__mean' }, mean),
    figures.active > 0 ? h('span', { class: 'heatmap-badge__active' }, `▶${figures.active}`) : null,
    figures.incidents > 0 ? h('span', { class: 'heatmap-badge__incidents' }, `!${figures.incidents}`) : null,
  );
}
