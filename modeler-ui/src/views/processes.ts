/**
 * `#/processes`: every deployed process with its versions (who deployed each and when, instance counts), a link to
 * open any version in the modeler, and "new process" from a blank diagram or a template.
 */
import { api, isAbort, type ProcessSummary, type ProcessVersion } from '../api';
import { h, replaceChildren } from '../lib/dom';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { href } from '../router';
import { canModel } from '../session';
import { t } from '../i18n';
import { errorBlock, loadingBlock } from './components/status';
import type { View } from './types';

export const processesView: View = async (ctx) => {
  ctx.setTitle(t('processes.title'));
  const body = h('div', { class: 'processes', 'aria-busy': 'true' }, loadingBlock());
  const create = canModel()
    ? h(
        'div',
        { class: 'page-head__actions' },
        h('a', { class: 'btn btn--primary', href: href('/modeler?template=blank') }, t('processes.newBlank')),
        h(
          'a',
          { class: 'btn btn--secondary', href: href('/modeler?template=approval') },
          t('processes.newFromTemplate'),
        ),
      )
    : null;
  replaceChildren(
    ctx.outlet,
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title', tabindex: -1 }, t('processes.title')), create),
    canModel() ? null : h('p', { class: 'page-intro' }, t('processes.readOnly')),
    body,
  );

  try {
    const processes = await api.processes.listProcesses(ctx.signal);
    if (ctx.signal.aborted) return;
    body.replaceChildren(
      processes.length
        ? h('div', { class: 'processes__list' }, ...processes.map(processCard))
        : h('p', { class: 'empty' }, t('processes.empty')),
    );
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    body.replaceChildren(errorBlock(errorMessage(err)));
  } finally {
    body.setAttribute('aria-busy', 'false');
  }
};

function processCard(process: ProcessSummary): HTMLElement {
  const open = `/modeler/${encodeURIComponent(process.processId)}`;
  const headingId = `process-${process.processId}`;
  return h(
    'section',
    { class: 'process-card', 'aria-labelledby': headingId, data: { processId: process.processId } },
    h(
      'div',
      { class: 'process-card__head' },
      h('h2', { class: 'process-card__title', id: headingId }, process.name || process.processId),
      process.name ? h('code', { class: 'process-card__id' }, process.processId) : null,
      h('a', { class: 'btn btn--secondary btn--small', href: href(open) }, t('processes.openLatest')),
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table' },
        h(
          'caption',
          { class: 'visually-hidden' },
          t('processes.versionsOf', { name: process.name || process.processId }),
        ),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ...(['processes.col.version', 'processes.col.deployedBy', 'processes.col.deployedAt'] as const).map((key) =>
              h('th', { scope: 'col' }, t(key)),
            ),
            ...(
              [
                'processes.col.active',
                'processes.col.completed',
                'processes.col.incident',
                'processes.col.total',
              ] as const
            ).map((key) => h('th', { scope: 'col', class: 'num' }, t(key))),
            h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('processes.col.actions'))),
          ),
        ),
        h(
          'tbody',
          null,
          ...process.versions.map((version, i) => versionRow(process, version, process.versions[i + 1])),
        ),
      ),
    ),
  );
}

function versionRow(
  process: ProcessSummary,
  version: ProcessVersion,
  previous: ProcessVersion | undefined,
): HTMLElement {
  const base = `/modeler/${encodeURIComponent(process.processId)}`;
  const { instances } = version;
  return h(
    'tr',
    { data: { version: String(version.version) } },
    h(
      'th',
      { scope: 'row' },
      `v${version.version}`,
      version.versionTag ? h('span', { class: 'badge' }, version.versionTag) : null,
    ),
    // No person: the seed or a script deployed it.
    h('td', null, version.deployedBy?.displayName ?? t('processes.deployedBySystem')),
    h('td', { class: 'nowrap' }, formatDateTime(version.deployedAt)),
    h('td', { class: 'num' }, String(instances.active)),
    h('td', { class: 'num' }, String(instances.completed)),
    h('td', { class: ['num', instances.incident > 0 && 'is-incident'] }, String(instances.incident)),
    h('td', { class: 'num' }, String(instances.total)),
    h(
      'td',
      { class: 'nowrap' },
      h(
        'a',
        { href: href(`${base}?version=${version.version}`) },
        t('processes.openVersion', { version: version.version }),
      ),
      previous
        ? [
            ' · ',
            h(
              'a',
              { href: href(`${base}/compare?left=${previous.version}&right=${version.version}`) },
              t('processes.compareWithPrevious'),
            ),
          ]
        : null,
    ),
  );
}
