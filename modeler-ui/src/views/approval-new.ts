/**
 * 결재 상신: the drafter writes the document and builds its line from the org chart's people — reviewers in turn,
 * cooperators in turn or together, one approver — then submits; the server routes the line (전결, 대결).
 */
import { api, isAbort } from '../api';
import type { LineKind, OrgPerson, SubmitApproval } from '../api/approvals';
import { card, h, withBusy } from '../lib/dom';
import { field } from '../lib/field';
import { errorMessage } from '../lib/errors';
import { notify } from '../lib/notices';
import { getUser } from '../session';
import { t } from '../i18n';
import { RecordsFields } from './components/records-fields';
import { RecipientFields } from './components/recipient-fields';
import { errorBlock, loadingBlock } from './components/status';
import type { View } from './types';

export const approvalNewView: View = async (ctx) => {
  ctx.setTitle(t('approvals.new.title'));
  const heading = h('h1', { class: 'page-title', tabindex: -1 }, t('approvals.new.title'));
  ctx.outlet.replaceChildren(heading, h('div', { 'aria-busy': 'true' }, loadingBlock()));
  let people: OrgPerson[];
  try {
    people = (await api.approvals.listPeople(ctx.signal)).filter((person) => person.id !== getUser()?.id);
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    ctx.outlet.replaceChildren(
      heading,
      errorBlock(t('approvals.line.peopleFailed', { message: errorMessage(err) }), () =>
        ctx.navigate('/approvals/new', { replace: true }),
      ),
    );
    return;
  }
  if (ctx.signal.aborted) return;
  const form = new DraftForm(people, (document) => {
    notify(t('approvals.submitted'), 'success', { keep: true });
    ctx.navigate(`/approvals/${encodeURIComponent(document.id)}`);
  });
  ctx.outlet.replaceChildren(heading, h('p', { class: 'muted page-intro' }, t('approvals.new.intro')), form.element);
};

class DraftForm {
  readonly element: HTMLFormElement;
  private readonly title = h('input', { class: 'input', name: 'title', required: true, maxlength: 200 });
  private readonly body = h('textarea', { class: 'input', name: 'body', rows: 6 });
  private readonly documentType = h('input', { class: 'input', name: 'documentType', value: 'report', required: true });
  private readonly amount = h('input', { class: 'input', name: 'amount', type: 'number', min: 0, step: 1 });
  private readonly important = h('input', { type: 'checkbox', name: 'important' });
  private readonly reviewers = h('div', { class: 'approval-line__rows' });
  private readonly cooperators = h('div', { class: 'approval-line__rows' });
  private readonly approver: HTMLSelectElement;
  private readonly parallel = h('input', { type: 'radio', name: 'cooperation', value: 'parallel' });
  private readonly records = new RecordsFields();
  private readonly taskClassification = h('input', { class: 'input', name: 'taskClassification', maxlength: 100 });
  private readonly files = h('input', { class: 'input', name: 'attachments', type: 'file', multiple: true });
  private readonly recipients = new RecipientFields();
  private readonly error = h('div', { class: 'form-error', role: 'alert', hidden: true, tabindex: -1 });

  constructor(
    private readonly people: OrgPerson[],
    private readonly onSubmitted: (document: { id: string }) => void,
  ) {
    this.approver = this.personSelect(t('approvals.line.approver'));
    const sequential = h('input', { type: 'radio', name: 'cooperation', value: 'sequential', checked: true });
    const submit = h('button', { type: 'submit', class: 'btn btn--primary btn--large' }, t('approvals.submit'));
    this.element = h(
      'form',
      { class: 'approval-new', novalidate: true },
      this.error,
      card(
        t('approvals.document.info'),
        null,
        field(t('approvals.field.title'), this.title),
        field(t('approvals.field.body'), this.body),
        field(t('approvals.field.documentType'), this.documentType, t('approvals.field.documentTypeHint')),
        field(t('approvals.field.amount'), this.amount, t('approvals.field.amountHint')),
        h('label', { class: 'checkbox' }, this.important, ` ${t('approvals.field.important')}`),
        field(t('dispatch.taskClassification'), this.taskClassification, t('dispatch.taskClassificationHint')),
        field(t('dispatch.attachments'), this.files),
      ),
      this.records.element,
      this.recipients.element(this.people),
      card(
        t('approvals.line.title'),
        'approval-line',
        this.group(t('approvals.line.reviewers'), this.reviewers, 'review', t('approvals.line.addReviewer')),
        this.group(t('approvals.line.cooperators'), this.cooperators, 'cooperate', t('approvals.line.addCooperator')),
        h(
          'fieldset',
          { class: 'approval-line__mode' },
          h('legend', null, t('approvals.line.cooperation')),
          h('label', null, sequential, ` ${t('approvals.line.sequential')}`),
          h('label', null, this.parallel, ` ${t('approvals.line.parallel')}`),
        ),
        field(t('approvals.line.approver'), this.approver),
      ),
      h('div', { class: 'decision' }, submit),
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void withBusy(submit, () => this.submit());
    });
  }

  private personSelect(label: string): HTMLSelectElement {
    return h(
      'select',
      { class: 'input', 'aria-label': label },
      h('option', { value: '' }, t('approvals.line.choose')),
      ...this.people.map((person) =>
        h(
          'option',
          { value: person.id },
          [person.displayName, person.position?.name, person.orgUnit?.name].filter(Boolean).join(' · '),
        ),
      ),
    );
  }

  private group(legend: string, rows: HTMLElement, kind: LineKind, addLabel: string): HTMLElement {
    const add = h('button', { type: 'button', class: 'btn btn--secondary btn--small' }, addLabel);
    add.addEventListener('click', () => {
      const n = rows.children.length + 1;
      const select = this.personSelect(t('approvals.line.person', { kind: legend, n }));
      select.dataset.kind = kind;
      const remove = h('button', { type: 'button', class: 'btn btn--ghost btn--small' }, t('approvals.line.remove'));
      const row = h('div', { class: 'approval-line__row' }, select, remove);
      remove.addEventListener('click', () => row.remove());
      rows.append(row);
      select.focus();
    });
    return h('fieldset', { class: 'approval-line__group' }, h('legend', null, legend), rows, add);
  }

  private read(): SubmitApproval {
    const chosen = (rows: HTMLElement, kind: LineKind) =>
      Array.from(rows.querySelectorAll('select'))
        .filter((select) => select.value)
        .map((select) => ({ kind, userId: select.value }));
    const amount = this.amount.value.trim();
    return {
      title: this.title.value.trim(),
      body: this.body.value,
      documentType: this.documentType.value.trim(),
      ...(amount ? { amount: Number(amount) } : {}),
      important: this.important.checked,
      ...this.records.read(),
      cooperation: this.parallel.checked ? 'parallel' : 'sequential',
      recipients: this.recipients.read(),
      ...(this.taskClassification.value.trim() ? { taskClassification: this.taskClassification.value.trim() } : {}),
      line: [
        ...chosen(this.reviewers, 'review'),
        ...chosen(this.cooperators, 'cooperate'),
        ...(this.approver.value ? [{ kind: 'approve' as const, userId: this.approver.value }] : []),
      ],
    };
  }

  private async submit(): Promise<void> {
    this.error.hidden = true;
    const records = this.records.problem();
    if (records) return this.fail(records.message, records.focus);
    if (!this.approver.value) return this.fail(t('approvals.line.noApprover'), this.approver);
    try {
      const document = await api.approvals.submitApproval(this.read());
      for (const file of Array.from(this.files.files ?? [])) await api.approvals.attachToApproval(document.id, file);
      this.onSubmitted(document);
    } catch (err) {
      this.fail(errorMessage(err), this.error);
    }
  }

  private fail(message: string, focus: HTMLElement): void {
    this.error.textContent = message;
    this.error.hidden = false;
    focus.focus();
  }
}
