/**
 * 소장 제출: the plaintiff writes the complaint, sees the stamp fee and the service-fee deposit as they type (the
 * server's calculator), and signs by entering their password again (the stand-in for 공동인증서, docs/e-court.md).
 */
import { api } from '../api';
import type { CaseTrack, CourtCase } from '../api/e-court';
import { card, h, withBusy } from '../lib/dom';
import { field } from '../lib/field';
import { errorMessage } from '../lib/errors';
import { notify } from '../lib/notices';
import { t } from '../i18n';
import type { View } from './types';

export const eCourtNewView: View = (ctx) => {
  ctx.setTitle(t('eCourt.new.title'));
  const form = new ComplaintForm((filed) => {
    notify(t('eCourt.new.filed'), 'success', { keep: true });
    ctx.navigate(`/e-court/cases/${encodeURIComponent(filed.id)}`);
  });
  ctx.outlet.replaceChildren(
    h('h1', { class: 'page-title', tabindex: -1 }, t('eCourt.new.title')),
    h('p', { class: 'muted page-intro' }, t('eCourt.new.intro')),
    form.element,
  );
};

class ComplaintForm {
  readonly element: HTMLFormElement;
  private readonly defendant = h('input', { class: 'input', name: 'defendant', required: true, value: 'defendant1' });
  private readonly claimAmount = h('input', { class: 'input', name: 'claimAmount', type: 'number', min: 1, step: 1 });
  private readonly track = h(
    'select',
    { class: 'input', name: 'track' },
    h('option', { value: 'civil' }, t('eCourt.track.civil')),
    h('option', { value: 'small-claims' }, t('eCourt.track.small-claims')),
  );
  private readonly claimText = h('textarea', { class: 'input', name: 'claimText', rows: 6 });
  private readonly password = h('input', { class: 'input', name: 'password', type: 'password' });
  private readonly fees = h('div', { class: 'e-court-fees', 'aria-live': 'polite' }, t('eCourt.fees.enterAmount'));
  private readonly error = h('div', { class: 'form-error', role: 'alert', hidden: true, tabindex: -1 });
  private pricing?: AbortController;

  constructor(private readonly onFiled: (filed: CourtCase) => void) {
    const submit = h('button', { type: 'submit', class: 'btn btn--primary btn--large' }, t('eCourt.new.submit'));
    this.element = h(
      'form',
      { class: 'e-court-new', novalidate: true },
      this.error,
      card(
        t('eCourt.new.complaint'),
        null,
        field(t('eCourt.field.defendant'), this.defendant, t('eCourt.field.defendantHint')),
        field(t('eCourt.field.claimAmount'), this.claimAmount),
        field(t('eCourt.field.track'), this.track),
        field(t('eCourt.field.claimText'), this.claimText),
      ),
      card(t('eCourt.fees.title'), null, this.fees),
      card(
        t('eCourt.new.sign'),
        null,
        field(t('eCourt.field.password'), this.password, t('eCourt.field.passwordHint')),
      ),
      h('div', { class: 'decision' }, submit),
    );
    for (const control of [this.claimAmount, this.track]) control.addEventListener('input', () => void this.price());
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void withBusy(submit, () => this.submit());
    });
  }

  /** The fees for what is typed so far; a figure the calculator refuses shows its message instead. */
  private async price(): Promise<void> {
    this.pricing?.abort();
    const amount = Number(this.claimAmount.value);
    if (!Number.isInteger(amount) || amount < 1) {
      this.fees.replaceChildren(t('eCourt.fees.enterAmount'));
      return;
    }
    const pricing = (this.pricing = new AbortController());
    try {
      const fees = await api.eCourt.previewFees(amount, this.track.value as CaseTrack, pricing.signal);
      this.fees.replaceChildren(
        h(
          'p',
          { class: 'e-court-fees__total' },
          t('eCourt.fees.total', {
            stampFee: fees.stampFee.toLocaleString(),
            serviceFee: fees.serviceFee.toLocaleString(),
          }),
        ),
        h('ul', { class: 'e-court-fees__steps' }, ...fees.explanation.text.map((line) => h('li', null, line))),
      );
    } catch (err) {
      if (!pricing.signal.aborted) this.fees.replaceChildren(errorMessage(err));
    }
  }

  private async submit(): Promise<void> {
    this.error.hidden = true;
    const amount = Number(this.claimAmount.value);
    if (!Number.isInteger(amount) || amount < 1) return this.fail(t('eCourt.new.amountRequired'), this.claimAmount);
    if (!this.claimText.value.trim()) return this.fail(t('eCourt.new.textRequired'), this.claimText);
    if (!this.password.value) return this.fail(t('eCourt.new.passwordRequired'), this.password);
    try {
      this.onFiled(
        await api.eCourt.fileCase({
          defendant: this.defendant.value.trim(),
          claimAmount: amount,
          track: this.track.value as CaseTrack,
          claimText: this.claimText.value,
          password: this.password.value,
        }),
      );
    } catch (err) {
      this.password.value = '';
      this.fail(errorMessage(err), this.error);
    }
  }

  private fail(message: string, focus: HTMLElement): void {
    this.error.textContent = message;
    this.error.hidden = false;
    focus.focus();
  }
}
