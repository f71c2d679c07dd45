/**
 * One court case: its number, parties, fees and the periods running, the notices sent, and for the defendant the
 * served complaint to open — opening it serves it (전자문서법 §11④), so it is a deliberate button, not a page load.
 */
import { api, ApiError, isAbort } from '../api';
import type { CourtCase } from '../api/e-court';
import { card, h, replaceChildren } from '../lib/dom';
import { actionButton, pageHead, stateBadge } from '../lib/page-head';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { href } from '../router';
import { getUser } from '../session';
import { t, type MessageKey } from '../i18n';
import { errorBlock, loadingBlock } from './components/status';
import type { View, ViewContext } from './types';

export const eCourtCaseView: View = async (ctx) => {
  const id = ctx.params.id ?? '';
  const back = h('p', { class: 'back' }, h('a', { href: href('/e-court') }, `← ${t('eCourt.case.back')}`));
  ctx.outlet.replaceChildren(back, h('div', { 'aria-busy': 'true' }, loadingBlock()));
  try {
    const found = await api.eCourt.getCase(id, ctx.signal);
    if (!ctx.signal.aborted) render(ctx, back, found);
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    const notFound = err instanceof ApiError && err.status === 404;
    const title = notFound ? t('eCourt.case.notFound') : t('error.title');
    ctx.setTitle(title);
    replaceChildren(
      ctx.outlet,
      back,
      h('h1', { class: 'page-title', tabindex: -1 }, title),
      notFound ? null : errorBlock(errorMessage(err), () => ctx.navigate(`/e-court/cases/${encodeURIComponent(id)}`)),
    );
  }
};

function render(ctx: ViewContext, back: HTMLElement, found: CourtCase): void {
  const title = found.caseNumber ?? t('eCourt.case.notDocketed');
  ctx.setTitle(title);
  const row = (key: MessageKey, value: string | null) => (value ? [h('dt', null, t(key)), h('dd', null, value)] : []);
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : null);
  // The complaint comes with the opening; until the process records the service the state still says notified.
  const mayOpen = found.state === 'SERVICE_NOTIFIED' && found.defendant?.id === getUser()?.id && !found.claimText;
  const open =
    mayOpen &&
    actionButton(
      t('eCourt.case.open'),
      'primary',
      () => api.eCourt.openCase(found.id),
      (opened) => render(ctx, back, opened),
      t('eCourt.case.opened'),
    );
  ctx.outlet.replaceChildren(
    back,
    pageHead(title, [stateBadge(t(`eCourt.state.${found.state}` as MessageKey))], [open]),
    h(
      'div',
      { class: 'task-grid' },
      card(
        t('eCourt.case.info'),
        null,
        h(
          'dl',
          { class: 'info' },
          ...row('eCourt.field.plaintiff', found.plaintiff?.displayName ?? null),
          ...row('eCourt.field.defendant', found.defendant?.displayName ?? null),
          ...row('eCourt.field.track', t(`eCourt.track.${found.track}` as MessageKey)),
          ...row('eCourt.field.claimAmount', `${found.claimAmount.toLocaleString()}원`),
          ...row('eCourt.field.filedAt', when(found.filedAt)),
          ...row('eCourt.field.stampFee', `${found.fees.stampFee.toLocaleString()}원`),
          ...row('eCourt.field.serviceFee', `${found.fees.serviceFee.toLocaleString()}원`),
          ...row('eCourt.field.signature', found.signature.contentDigest.slice(0, 16)),
        ),
      ),
      card(
        t('eCourt.case.periods'),
        null,
        h(
          'dl',
          { class: 'info' },
          ...row('eCourt.field.defectDueAt', when(found.defectDueAt)),
          ...row('eCourt.field.serviceNoticedAt', when(found.serviceNoticedAt)),
          ...row('eCourt.field.servedAt', when(found.servedAt)),
          ...row(
            'eCourt.field.serviceMethod',
            found.serviceMethod ? t(`eCourt.serviceMethod.${found.serviceMethod}` as MessageKey) : null,
          ),
          ...row('eCourt.field.answerDueAt', when(found.answerDueAt)),
          ...row('eCourt.field.answeredAt', when(found.answeredAt)),
          ...row('eCourt.field.judgmentAt', when(found.judgmentAt)),
          ...row('eCourt.field.judgmentCancelledAt', when(found.judgmentCancelledAt)),
        ),
      ),
    ),
    card(
      t('eCourt.field.claimText'),
      null,
      h('p', { class: 'approval-body' }, found.claimText ?? t('eCourt.case.complaintHidden')),
    ),
    card(t('eCourt.case.notices'), null, noticeList(found)),
  );
}

function noticeList(found: CourtCase): HTMLElement {
  if (!found.notices.length) return h('p', { class: 'empty' }, t('eCourt.case.noNotices'));
  return h(
    'ul',
    { class: 'e-court-notices' },
    ...found.notices.map((notice) =>
      h(
        'li',
        null,
        h('time', { datetime: notice.sentAt }, formatDateTime(notice.sentAt)),
        ` · ${notice.channel} → ${notice.recipient} (${notice.address}) · `,
        notice.text.split('\n')[0] ?? '',
      ),
    ),
  );
}
