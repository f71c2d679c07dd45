/** 전자소송: the caller's cases (a party's own, or the court's docket), and for a litigant the way to file one. */
import { api, isAbort } from '../api';
import type { CourtCase } from '../api/e-court';
import { card, h } from '../lib/dom';
import { dataTable } from '../lib/table';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { href } from '../router';
import { getUser } from '../session';
import { t, type MessageKey } from '../i18n';
import { errorBlock, loadingBlock } from './components/status';
import type { View } from './types';

export const eCourtCasesView: View = async (ctx) => {
  ctx.setTitle(t('eCourt.list.title'));
  const body = h('div', { 'aria-busy': 'true' }, loadingBlock());
  const mayFile = getUser()?.roles.includes('external-party');
  ctx.outlet.replaceChildren(
    h(
      'div',
      { class: 'page-head' },
      h('h1', { class: 'page-title', tabindex: -1 }, t('eCourt.list.title')),
      mayFile
        ? h(
            'div',
            { class: 'page-head__actions' },
            h('a', { class: 'btn btn--primary', href: href('/e-court/new') }, t('eCourt.new.title')),
          )
        : null,
    ),
    body,
  );
  try {
    const cases = await api.eCourt.listCases(ctx.signal);
    if (ctx.signal.aborted) return;
    body.replaceChildren(card(t('eCourt.list.cases'), null, caseTable(cases)));
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    body.replaceChildren(errorBlock(errorMessage(err), () => ctx.navigate('/e-court', { replace: true })));
  } finally {
    body.setAttribute('aria-busy', 'false');
  }
};

function caseTable(cases: CourtCase[]): HTMLElement {
  if (!cases.length) return h('p', { class: 'empty' }, t('eCourt.list.empty'));
  return dataTable({
    headings: [
      'eCourt.field.caseNumber',
      'eCourt.field.plaintiff',
      'eCourt.field.defendant',
      'eCourt.field.state',
      'eCourt.field.filedAt',
    ],
    rows: cases.map((one) =>
      h(
        'tr',
        null,
        h(
          'th',
          { scope: 'row' },
          h(
            'a',
            { href: href(`/e-court/cases/${encodeURIComponent(one.id)}`) },
            one.caseNumber ?? t('eCourt.case.notDocketed'),
          ),
        ),
        h('td', null, one.plaintiff?.displayName ?? ''),
        h('td', null, one.defendant?.displayName ?? ''),
        h('td', null, t(`eCourt.state.${one.state}` as MessageKey)),
        h('td', null, h('time', { datetime: one.filedAt }, formatDateTime(one.filedAt))),
      ),
    ),
  });
}
