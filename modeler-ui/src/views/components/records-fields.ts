/**
 * Records metadata on approval documents (docs/records.md): the drafter's choice of retention and disclosure in
 * the drafting form, and the document page's rows for the 처리과, registration numbers, retention and disclosure.
 */
import {
  DISCLOSURE_CLASSES,
  NON_DISCLOSURE_ITEMS,
  RETENTION_PERIODS,
  type DisclosureClass,
  type DocumentRecords,
  type RecordsChoice,
  type RetentionPeriod,
} from '../../api/records';
import { card, h, uid } from '../../lib/dom';
import { t, type MessageKey } from '../../i18n';

export const retentionName = (retention: RetentionPeriod) => t(`records.retention.${retention}` as MessageKey);
export const disclosureName = (disclosure: DisclosureClass) => t(`records.disclosure.${disclosure}` as MessageKey);

/** The drafting form's records card: retention (no preset: the drafter decides), disclosure and its grounds. */
export class RecordsFields {
  readonly element: HTMLElement;
  private readonly retention = h(
    'select',
    { class: 'input', name: 'retention', required: true },
    h('option', { value: '' }, t('records.field.choose')),
    ...RETENTION_PERIODS.map((retention) => h('option', { value: retention }, retentionName(retention))),
  );
  private readonly disclosure = h(
    'select',
    { class: 'input', name: 'disclosure' },
    ...DISCLOSURE_CLASSES.map((disclosure) => h('option', { value: disclosure }, disclosureName(disclosure))),
  );
  private readonly grounds = NON_DISCLOSURE_ITEMS.map((item) =>
    h('input', { type: 'checkbox', name: 'nonDisclosureGrounds', value: item }),
  );
  private readonly groundsSet = h(
    'fieldset',
    { class: 'records-grounds', hidden: true },
    h('legend', null, t('records.field.grounds')),
    ...this.grounds.map((box, index) =>
      h('label', { class: 'checkbox' }, box, ` ${t('records.field.groundItem', { n: index + 1 })}`),
    ),
  );

  constructor() {
    this.disclosure.addEventListener('change', () => {
      this.groundsSet.hidden = this.disclosure.value === 'PUBLIC';
    });
    this.element = card(
      t('records.title'),
      null,
      labelled(t('records.field.retention'), this.retention, t('records.field.retentionHint')),
      labelled(t('records.field.disclosure'), this.disclosure),
      this.groundsSet,
    );
  }

  /** What the drafter has not decided yet, with the control to fix it; null when the choice is complete. */
  problem(): { message: string; focus: HTMLElement } | null {
    if (!this.retention.value) return { message: t('records.error.noRetention'), focus: this.retention };
    if (this.disclosure.value !== 'PUBLIC' && this.chosenGrounds().length === 0) {
      return { message: t('records.error.noGrounds'), focus: this.grounds[0] ?? this.disclosure };
    }
    return null;
  }

  read(): RecordsChoice {
    const disclosure = this.disclosure.value as DisclosureClass;
    return {
      retention: this.retention.value as RetentionPeriod,
      disclosure,
      nonDisclosureGrounds: disclosure === 'PUBLIC' ? [] : this.chosenGrounds(),
    };
  }

  private chosenGrounds(): number[] {
    return this.grounds.filter((box) => box.checked).map((box) => Number(box.value));
  }
}

function labelled(label: string, control: HTMLElement, hint?: string): HTMLElement {
  control.id = uid('records-field');
  const hintId = hint ? uid('records-hint') : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { class: 'field__label', for: control.id }, label),
    hint ? h('p', { id: hintId, class: 'field__hint' }, hint) : null,
    control,
  );
}

/** The document page's records card. */
export function recordsCard(document: DocumentRecords): HTMLElement {
  const row = (key: MessageKey, value: string) => [h('dt', null, t(key)), h('dd', null, value)];
  const numberOf = (kind: 'PRODUCTION' | 'RECEIPT') =>
    document.registrations.find((registration) => registration.kind === kind)?.number ?? '—';
  const grounds = document.nonDisclosureGrounds.map((n) => t('records.field.groundItem', { n })).join(', ');
  return card(
    t('records.title'),
    null,
    h(
      'dl',
      { class: 'info' },
      ...row('records.processingUnit', document.processingUnit?.name ?? '—'),
      ...row('records.productionNumber', numberOf('PRODUCTION')),
      ...(document.registrations.some((registration) => registration.kind === 'RECEIPT')
        ? row('records.receiptNumber', numberOf('RECEIPT'))
        : []),
      ...row('records.field.retention', retentionName(document.retention)),
      ...row('records.retentionEndsAt', document.retentionEndsAt ?? '—'),
      ...row(
        'records.field.disclosure',
        grounds ? `${disclosureName(document.disclosure)} (${grounds})` : disclosureName(document.disclosure),
      ),
    ),
  );
}
