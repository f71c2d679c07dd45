/**
 * The procurement e-bid (processes/procurement-bidding/README.md): #/procurement lists the bid announcements and
 * lets a contract officer start one; #/procurement/:id shows an announcement with the bids the caller may see
 * (sealed until the opening), the bidder's sealed-bid form while bids are accepted, the opening's reference price,
 * and the objection form after the award.
 */
import { api, isAbort } from '../api';
import type { Bid, Bidding, BiddingDetail } from '../api/procurement';
import { card, h, replaceChildren, withBusy } from '../lib/dom';
import { pageHead, stateBadge } from '../lib/page-head';
import { dataTable } from '../lib/table';
import { field } from '../lib/field';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { notify } from '../lib/notices';
import { href } from '../router';
import { getUser } from '../session';
import { t, type MessageKey } from '../i18n';
import { errorBlock, loadingBlock } from './components/status';
import type { View, ViewContext } from './types';

const won = (amount: number | null) =>
  amount === null ? '—' : t('procurement.won', { amount: amount.toLocaleString() });
const hasRole = (role: string) => getUser()?.roles.includes(role) ?? false;

export const procurementListView: View = async (ctx) => {
  ctx.setTitle(t('procurement.title'));
  const body = h('div', { 'aria-busy': 'true' }, loadingBlock());
  const announce = h('button', { type: 'button', class: 'btn btn--primary' }, t('procurement.announce'));
  announce.addEventListener(
    'click',
    () =>
      void withBusy(announce, async () => {
        try {
          await api.procurement.announce();
          notify(t('procurement.announced'), 'success');
          ctx.navigate('/tasks');
        } catch (err) {
          notify(errorMessage(err), 'error');
        }
      }),
  );
  ctx.outlet.replaceChildren(
    pageHead(t('procurement.title'), [], [hasRole('civil-servant') && announce]),
    h('p', { class: 'muted page-intro' }, t('procurement.intro')),
    body,
  );
  try {
    const { items } = await api.procurement.list(ctx.signal);
    if (ctx.signal.aborted) return;
    body.replaceChildren(items.length ? biddingTable(items) : h('p', { class: 'empty' }, t('procurement.empty')));
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    body.replaceChildren(errorBlock(errorMessage(err), () => ctx.navigate('/procurement')));
  } finally {
    body.setAttribute('aria-busy', 'false');
  }
};

export const procurementBiddingView: View = async (ctx) => {
  const id = ctx.params.id ?? '';
  ctx.outlet.replaceChildren(loadingBlock());
  try {
    const bidding = await api.procurement.get(id, ctx.signal);
    if (ctx.signal.aborted) return;
    ctx.setTitle(bidding.title);
    renderBidding(ctx, bidding);
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    ctx.outlet.replaceChildren(errorBlock(errorMessage(err), () => ctx.navigate(`/procurement/${id}`)));
  }
};

function renderBidding(ctx: ViewContext, bidding: BiddingDetail): void {
  const row = (key: MessageKey, value: string) => [h('dt', null, t(key)), h('dd', null, value)];
  const reload = () => ctx.navigate(`/procurement/${bidding.id}`, { replace: true });
  const own = bidding.bids.find((bid) => bid.bidder === getUser()?.username);
  const bidder = hasRole('external-party');
  replaceChildren(
    ctx.outlet,
    pageHead(bidding.title, [stateBadge(t(`procurement.state.${bidding.state}` as MessageKey))]),
    h(
      'div',
      { class: 'task-grid' },
      card(
        t('procurement.field.noticeNumber'),
        null,
        h(
          'dl',
          { class: 'info' },
          ...row('procurement.field.noticeNumber', bidding.noticeNumber),
          ...row('procurement.field.kind', t(`procurement.kind.${bidding.kind}` as MessageKey)),
          ...row('procurement.field.estimatedPrice', won(bidding.estimatedPrice)),
          ...row('procurement.field.basePrice', won(bidding.basePrice)),
          ...row('procurement.field.announcedAt', formatDateTime(bidding.announcedAt)),
          ...row('procurement.field.bidDeadline', formatDateTime(bidding.bidDeadline)),
          ...row('procurement.field.openingAt', formatDateTime(bidding.openingAt)),
          ...row('procurement.field.pricesCommitment', bidding.pricesCommitment),
          ...(bidding.objectionsCloseAt
            ? row('procurement.field.objectionsCloseAt', formatDateTime(bidding.objectionsCloseAt))
            : []),
        ),
      ),
      card(
        t('procurement.field.period'),
        null,
        ...bidding.period.explanation.text.map((sentence) => h('p', null, sentence)),
      ),
    ),
    bidding.opening
      ? card(
          t('procurement.field.referencePrice'),
          null,
          h('p', { class: 'procurement-reference' }, won(bidding.opening.referencePrice)),
          ...bidding.opening.explanation.map((sentence) => h('p', null, sentence)),
          h(
            'p',
            { class: 'muted' },
            `${t('procurement.field.preliminaryPrices')}: `,
            bidding.opening.preliminaryPrices
              .map((price, index) => `${index + 1}. ${price.toLocaleString()}`)
              .join(' · '),
          ),
        )
      : null,
    card(t('procurement.bids'), null, bidsTable(bidding.bids)),
    bidder && !own && bidding.state === 'OPEN' ? bidForm(bidding, reload) : null,
    bidding.objections.length || (bidder && own && bidding.awardedAt && !bidding.objectionsClosedAt)
      ? card(
          t('procurement.objection.title'),
          null,
          ...bidding.objections.map((objection) =>
            h(
              'div',
              { class: 'procurement-objection' },
              h('p', null, h('strong', null, objection.bidder), ` — ${objection.text}`),
              objection.answer ? h('p', null, `${t('procurement.objection.answer')}: ${objection.answer}`) : null,
            ),
          ),
          bidder && own && bidding.awardedAt && !bidding.objectionsClosedAt ? objectionForm(bidding, reload) : null,
        )
      : null,
  );
}

function biddingTable(items: Bidding[]): HTMLElement {
  return dataTable({
    caption: t('procurement.caption'),
    headings: [
      'procurement.field.noticeNumber',
      'procurement.field.title',
      'procurement.field.kind',
      'procurement.field.state',
      'procurement.field.bidDeadline',
      'procurement.field.openingAt',
    ],
    rows: items.map((bidding) =>
      h(
        'tr',
        null,
        h('th', { scope: 'row', class: 'mono' }, bidding.noticeNumber),
        h('td', null, h('a', { href: href(`/procurement/${encodeURIComponent(bidding.id)}`) }, bidding.title)),
        h('td', null, t(`procurement.kind.${bidding.kind}` as MessageKey)),
        h('td', null, t(`procurement.state.${bidding.state}` as MessageKey)),
        h('td', null, formatDateTime(bidding.bidDeadline)),
        h('td', null, formatDateTime(bidding.openingAt)),
      ),
    ),
  });
}

function bidsTable(bids: Bid[]): HTMLElement {
  if (!bids.length) return h('p', { class: 'empty' }, t('procurement.bids.empty'));
  const sealed = t('procurement.bid.sealed');
  return dataTable({
    headings: [
      'procurement.bid.bidder',
      'procurement.bid.submittedAt',
      'procurement.bid.price',
      'procurement.bid.bond',
      'procurement.bid.picks',
      'procurement.bid.rank',
      'procurement.bid.score',
      'procurement.field.state',
      'procurement.bid.commitment',
    ],
    rows: bids.map((bid) =>
      h(
        'tr',
        null,
        h('th', { scope: 'row' }, bid.bidder),
        h('td', null, formatDateTime(bid.submittedAt)),
        h('td', null, bid.sealed ? sealed : won(bid.price)),
        h('td', null, bid.sealed ? sealed : won(bid.bond)),
        h('td', null, bid.picks ? bid.picks.join(', ') : sealed),
        h('td', null, bid.rank === null ? '—' : String(bid.rank)),
        h('td', null, bid.reviewScore === null ? '—' : String(bid.reviewScore)),
        h('td', null, t(`procurement.bidState.${bid.state}` as MessageKey)),
        h('td', { class: 'mono' }, `${bid.commitment.slice(0, 16)}…`),
      ),
    ),
  });
}

function bidForm(bidding: Bidding, reload: () => void): HTMLElement {
  const price = h('input', { class: 'input', id: 'bid-price', type: 'number', min: 1, required: true });
  const bond = h('input', { class: 'input', id: 'bid-bond', type: 'number', min: 1, required: true });
  price.addEventListener('input', () => {
    if (price.valueAsNumber > 0) bond.value = String(Math.ceil(price.valueAsNumber * 0.05));
  });
  const pick = (id: string) =>
    h(
      'select',
      { class: 'input', id, required: true },
      ...Array.from({ length: 15 }, (_, index) => h('option', { value: String(index + 1) }, String(index + 1))),
    );
  const [pick1, pick2] = [pick('bid-pick1'), pick('bid-pick2')];
  pick2.value = '2';
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, t('procurement.bidForm.submit'));
  const form = h(
    'form',
    { class: 'procurement-bid-form' },
    field(t('procurement.bidForm.price'), price),
    field(t('procurement.bidForm.bond'), bond),
    field(t('procurement.bidForm.pick1'), pick1),
    field(t('procurement.bidForm.pick2'), pick2),
    h('div', { class: 'decision' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void withBusy(submit, async () => {
      try {
        const bid = await api.procurement.submitBid(bidding.id, {
          price: price.valueAsNumber,
          bond: bond.valueAsNumber,
          picks: [Number(pick1.value), Number(pick2.value)],
        });
        notify(t('procurement.bidForm.submitted', { commitment: bid.commitment }), 'success', { keep: true });
        reload();
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    });
  });
  return card(t('procurement.bidForm.title'), null, form);
}

function objectionForm(bidding: Bidding, reload: () => void): HTMLElement {
  const text = h('textarea', { class: 'input', id: 'objection-text', required: true, maxlength: 4000, rows: 3 });
  const submit = h('button', { type: 'submit', class: 'btn btn--secondary' }, t('procurement.objection.submit'));
  const form = h('form', null, field(t('procurement.objection.text'), text), h('div', null, submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void withBusy(submit, async () => {
      try {
        await api.procurement.object(bidding.id, text.value);
        notify(t('procurement.objection.submitted'), 'success');
        reload();
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    });
  });
  return form;
}
