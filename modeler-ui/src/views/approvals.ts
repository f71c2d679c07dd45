/**
 * 결재 문서함: the documents the caller drafted, those on whose line they stand, and those sent to their unit (접수),
 * newest first.
 */
import { api, isAbort } from '../api';
import type { ApprovalDocument } from '../api/approvals';
import { card, h } from '../lib/dom';
import { dataTable } from '../lib/table';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { href } from '../router';
import { t, type MessageKey } from '../i18n';
import { errorBlock, loadingBlock } from './components/status';
import type { View } from './types';

export const approvalsView: View = async (ctx) => {
  ctx.setTitle(t('approvals.list.title'));
  const body = h('div', { 'aria-busy': 'true' }, loadingBlock());
  ctx.outlet.replaceChildren(
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'page-title', tabindex: -1 }, t('approvals.list.title')),
      h(
        'div',
        { class: 'page-head__actions' },
        h('a', { class: 'btn btn--primary', href: href('/approvals/new') }, t('approvals.new.title')),
      ),
    ),
    body,
  );
  try {
    const [drafted, onLine, received] = await Promise.all([
      api.approvals.listApprovals('drafted', ctx.signal),
      api.approvals.listApprovals('on-line', ctx.signal),
      api.approvals.listApprovals('received', ctx.signal),
    ]);
    if (ctx.signal.aborted) return;
    body.replaceChildren(
      card(t('approvals.list.drafted'), null, documentTable(drafted)),
      card(t('approvals.list.onLine'), null, documentTable(onLine)),
      card(t('dispatch.received'), null, documentTable(received)),
    );
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    body.replaceChildren(errorBlock(errorMessage(err), () => ctx.navigate('/approvals', { replace: true })));
  } finally {
    body.setAttribute('aria-busy', 'false');
  }
};

function documentTable(documents: ApprovalDocument[]): HTMLElement {
  if (!documents.length) return h('p', { class: 'empty' }, t('approvals.list.empty'));
  return dataTable({
    headings: [
      'approvals.field.title',
      'approvals.document.drafter',
      'approvals.list.state',
      'approvals.document.created',
    ],
    rows: documents.map((document) =>
      h(
        'tr',
        null,
        h(
          'th',
          { scope: 'row' },
          h('a', { href: href(`/approvals/${encodeURIComponent(document.id)}`) }, document.title),
        ),
        h('td', null, document.drafter.displayName),
        h('td', null, t(`approvals.state.${document.state}` as MessageKey)),
        h('td', null, h('time', { datetime: document.createdAt }, formatDateTime(document.createdAt))),
      ),
    ),
  });
}
