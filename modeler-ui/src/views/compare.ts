/**
 * `#/modeler/:processId/compare?left=<version>&right=<version>`: two read-only viewers side by side, with the
 * elements added, removed or changed between the versions marked on both canvases and listed.
 */
import { api, isAbort, type ProcessVersion } from '../api';
import { h } from '../lib/dom';
import { errorMessage } from '../lib/errors';
import { href } from '../router';
import { t } from '../i18n';
import { diffDiagrams, type ElementChange } from '../modeler/diff';
import { createViewer, openXml, type Diagram } from '../modeler/load';
import { markElements } from '../modeler/marks';
import { errorBlock, loadingBlock } from './components/status';
import type { View, ViewContext } from './types';

export const compareView: View = async (ctx) => {
  const processId = ctx.params['processId'] ?? '';
  ctx.setTitle(t('compare.title', { id: processId }));
  ctx.outlet.replaceChildren(loadingBlock());
  try {
    const process = (await api.processes.listProcesses(ctx.signal)).find((p) => p.processId === processId);
    const pick = (param: string, fallback: ProcessVersion | undefined): ProcessVersion | undefined =>
      process?.versions.find((v) => String(v.version) === ctx.query.get(param)) ?? fallback;
    const right = pick('right', process?.versions[0]);
    const left = pick('left', process?.versions[1]);
    if (!process || !left || !right) {
      ctx.outlet.replaceChildren(errorBlock(t('compare.needTwo', { id: processId })));
      return;
    }
    const [leftXml, rightXml] = await Promise.all([
      api.processes.definitionXml(left.definitionId, ctx.signal),
      api.processes.definitionXml(right.definitionId, ctx.signal),
    ]);
    if (ctx.signal.aborted) return;
    await render(ctx, processId, process.versions, { version: left, xml: leftXml }, { version: right, xml: rightXml });
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    ctx.outlet.replaceChildren(errorBlock(errorMessage(err)));
  }
};

interface Side {
  version: ProcessVersion;
  xml: string;
}

async function render(
  ctx: ViewContext,
  processId: string,
  versions: ProcessVersion[],
  left: Side,
  right: Side,
): Promise<void> {
  const picker = (param: 'left' | 'right', current: ProcessVersion): HTMLElement => {
    const select = h(
      'select',
      { class: 'select', 'aria-label': t(param === 'left' ? 'compare.leftVersion' : 'compare.rightVersion') },
      ...versions.map((v) =>
        h('option', { value: String(v.version), props: { selected: v === current } }, `v${v.version}`),
      ),
    );
    select.addEventListener('change', () => {
      const query = new URLSearchParams({ left: String(left.version.version), right: String(right.version.version) });
      query.set(param, select.value);
      ctx.navigate(`/modeler/${encodeURIComponent(processId)}/compare?${query.toString()}`);
    });
    return select;
  };
  const leftHost = h('div', { class: 'compare__canvas', data: { side: 'left' } });
  const rightHost = h('div', { class: 'compare__canvas', data: { side: 'right' } });
  const changesHost = h('div', { class: 'compare__changes' }, loadingBlock());
  ctx.outlet.replaceChildren(
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'page-title', tabindex: -1 }, t('compare.title', { id: processId })),
      h(
        'div',
        { class: 'page-head__actions' },
        h(
          'a',
          { class: 'btn btn--secondary btn--small', href: href(`/modeler/${encodeURIComponent(processId)}`) },
          t('compare.backToModeler'),
        ),
      ),
    ),
    h(
      'div',
      { class: 'compare' },
      h(
        'div',
        { class: 'compare__side' },
        h('div', { class: 'compare__label' }, picker('left', left.version)),
        leftHost,
      ),
      h(
        'div',
        { class: 'compare__side' },
        h('div', { class: 'compare__label' }, picker('right', right.version)),
        rightHost,
      ),
    ),
    changesHost,
  );

  const [leftDiagram, rightDiagram] = await Promise.all([createViewer(leftHost), createViewer(rightHost)]);
  ctx.signal.addEventListener('abort', () => {
    leftDiagram.destroy();
    rightDiagram.destroy();
  });
  await Promise.all([openXml(leftDiagram, left.xml), openXml(rightDiagram, right.xml)]);
  const changes = await diffDiagrams(leftDiagram, rightDiagram);
  markChanges(leftDiagram, rightDiagram, changes);
  changesHost.replaceChildren(changeTable(changes, left.version.version, right.version.version));
}

function markChanges(left: Diagram, right: Diagram, changes: ElementChange[]): void {
  const of = (kind: ElementChange['kind']) =>
    changes.filter((c) => c.kind === kind).map((c) => ({ elementId: c.elementId }));
  markElements(left, 'bps-diff-removed', of('removed'));
  markElements(right, 'bps-diff-added', of('added'));
  markElements(left, 'bps-diff-changed', of('changed'));
  markElements(right, 'bps-diff-changed', of('changed'));
}

function changeTable(changes: ElementChange[], leftVersion: number, rightVersion: number): HTMLElement {
  if (!changes.length) return h('p', { class: 'empty' }, t('compare.noChanges'));
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table compare__table' },
      h(
        'caption',
        { class: 'table__caption' },
        t('compare.caption', { count: changes.length, left: leftVersion, right: rightVersion }),
      ),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ...(['compare.col.element', 'compare.col.name', 'compare.col.kind', 'compare.col.what'] as const).map((key) =>
            h('th', { scope: 'col' }, t(key)),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        ...changes.map((change) =>
          h(
            'tr',
            {
              class: `compare__row compare__row--${change.kind}`,
              data: { elementId: change.elementId, kind: change.kind },
            },
            h('th', { scope: 'row' }, h('code', null, change.elementId)),
            h('td', null, change.name),
            h(
              'td',
              null,
              h('span', { class: `badge compare__badge--${change.kind}` }, t(`compare.kind.${change.kind}`)),
            ),
            h(
              'td',
              null,
              change.properties.length
                ? h(
                    'ul',
                    { class: 'compare__properties' },
                    ...change.properties.map((p) =>
                      h('li', null, h('code', null, p.path), `: ${describe(p.before)} → ${describe(p.after)}`),
                    ),
                  )
                : change.type.replace(/^bpmn:/, ''),
            ),
          ),
        ),
      ),
    ),
  );
}

/** A property value for the change list: text as it is, a reference by its id, a model element by its type. */
function describe(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'object') return (value as { $type?: string }).$type ?? t('compare.complexValue');
  if (typeof value === 'string') return value.replace(/^#ref:/, ''); // the differ writes references as `#ref:<id>`
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
