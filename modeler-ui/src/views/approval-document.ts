/** One approval document: its text, its state, its record (report path), and 회수 for the drafter. */
import { api, ApiError, isAbort } from '../api';
import type { ApprovalDocument } from '../api/approvals';
import { card, h, replaceChildren } from '../lib/dom';
import { actionButton, pageHead, stateBadge } from '../lib/page-head';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { href } from '../router';
import { getUser } from '../session';
import { t, type MessageKey } from '../i18n';
import { approvalRecordTable } from './components/approval-record';
import { recordsCard } from './components/records-fields';
import { attachmentsCard, dispatchCard } from './components/document-dispatch';
import { errorBlock, loadingBlock } from './components/status';
import type { View, ViewContext } from './types';

export const approvalDocumentView: View = async (ctx) => {
  const id = ctx.params.id ?? '';
  const back = h('p', { class: 'back' }, h('a', { href: href('/approvals') }, `← ${t('approvals.document.back')}`));
  ctx.outlet.replaceChildren(back, h('div', { 'aria-busy': 'true' }, loadingBlock()));
  try {
    const document = await api.approvals.getApproval(id, ctx.signal);
    if (!ctx.signal.aborted) render(ctx, back, document);
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    const notFound = err instanceof ApiError && err.status === 404;
    const title = notFound ? t('approvals.document.notFound') : t('error.title');
    ctx.setTitle(title);
    replaceChildren(
      ctx.outlet,
      back,
      h('h1', { class: 'page-title', tabindex: -1 }, title),
      notFound ? null : errorBlock(errorMessage(err), () => ctx.navigate(`/approvals/${encodeURIComponent(id)}`)),
    );
  }
};

function render(ctx: ViewContext, back: HTMLElement, document: ApprovalDocument): void {
  ctx.setTitle(document.title);
  const row = (key: MessageKey, value: string) => [h('dt', null, t(key)), h('dd', null, value)];
  const mayWithdraw = document.state === 'IN_PROGRESS' && document.drafter.id === getUser()?.id;
  const withdraw =
    mayWithdraw &&
    actionButton(
      t('approvals.document.withdraw'),
      'secondary',
      () => api.approvals.withdrawApproval(document.id),
      (withdrawn) => render(ctx, back, withdrawn),
      t('approvals.document.withdrawn'),
    );
  ctx.outlet.replaceChildren(
    back,
    pageHead(document.title, [stateBadge(t(`approvals.state.${document.state}` as MessageKey))], [withdraw]),
    h(
      'div',
      { class: 'task-grid' },
      card(
        t('approvals.document.info'),
        null,
        h(
          'dl',
          { class: 'info' },
          ...row('approvals.document.drafter', document.drafter.displayName),
          ...row('approvals.field.documentType', document.documentType),
          ...row('approvals.field.amount', document.amount === null ? '—' : document.amount.toLocaleString()),
          ...row('approvals.document.round', String(document.round)),
          ...row('approvals.document.created', formatDateTime(document.createdAt)),
          ...row('dispatch.taskClassification', document.taskClassification ?? '—'),
        ),
      ),
      card(t('approvals.field.body'), null, h('p', { class: 'approval-body' }, document.currentBody)),
    ),
    ...[
      attachmentsCard(document),
      recordsCard(document),
      card(t('approvals.record.title'), null, approvalRecordTable(document)),
      dispatchCard(
        document,
        () => void api.approvals.getApproval(document.id).then((fresh) => render(ctx, back, fresh)),
      ),
    ].filter((section) => section !== null),
  );
}
