/**
 * `#/classified/new`: 비밀문서 기안 — the drafter gives the document, its grade and 예고문 (the date and what happens
 * then), the recipient units and the approver, and starts the classified-distribution process. The server checks the
 * drafter's clearance and the 예고문 (processes/classified-distribution/README.md).
 */
import { api, isAbort, type OrgUnit, type SecurityGrade } from '../api';
import type { OrgPerson } from '../api/approvals';
import { card, h, withBusy } from '../lib/dom';
import { field } from '../lib/field';
import { errorMessage } from '../lib/errors';
import { notify } from '../lib/notices';
import { getUser } from '../session';
import { t } from '../i18n';
import { errorBlock, loadingBlock } from './components/status';
import type { View } from './types';

const PROCESS_ID = 'classified-distribution';
const GRADES: SecurityGrade[] = ['GRADE_I', 'GRADE_II', 'GRADE_III', 'RESTRICTED'];

export const classifiedNewView: View = async (ctx) => {
  ctx.setTitle(t('classified.new.title'));
  const heading = h('h1', { class: 'page-title', tabindex: -1 }, t('classified.new.title'));
  ctx.outlet.replaceChildren(heading, h('div', { 'aria-busy': 'true' }, loadingBlock()));
  let units: OrgUnit[];
  let people: OrgPerson[];
  try {
    [units, people] = await Promise.all([api.org.listUnits(ctx.signal), api.approvals.listPeople(ctx.signal)]);
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    ctx.outlet.replaceChildren(heading, errorBlock(errorMessage(err)));
    return;
  }
  if (ctx.signal.aborted) return;
  const departments = units.filter((unit) => unit.kind === 'DEPARTMENT' && unit.code !== 'external-parties');
  const form = new ClassifiedDraftForm(
    departments,
    people.filter((person) => person.id !== getUser()?.id),
    () => {
      notify(t('classified.new.started'), 'success', { keep: true });
      ctx.navigate('/tasks');
    },
  );
  ctx.outlet.replaceChildren(heading, h('p', { class: 'muted page-intro' }, t('classified.new.intro')), form.element);
};

class ClassifiedDraftForm {
  readonly element: HTMLFormElement;
  private readonly title = h('input', { class: 'input', name: 'title', required: true, maxlength: 300 });
  private readonly body = h('textarea', { class: 'input', name: 'body', rows: 6, required: true });
  private readonly grade = h(
    'select',
    { class: 'input', name: 'grade' },
    ...GRADES.map((grade) => h('option', { value: grade }, t(`security.grade.${grade}`))),
  );
  private readonly reviewOn = h('input', { class: 'input', name: 'reviewOn', type: 'date', required: true });
  private readonly reviewAction = h('select', { class: 'input', name: 'reviewAction' });
  private readonly units: HTMLInputElement[];
  private readonly approver: HTMLSelectElement;
  private readonly error = h('div', { class: 'form-error', role: 'alert', hidden: true, tabindex: -1 });

  constructor(
    departments: OrgUnit[],
    people: OrgPerson[],
    private readonly onStarted: () => void,
  ) {
    this.grade.value = 'GRADE_II';
    this.grade.addEventListener('change', () => this.offerReviewActions());
    this.offerReviewActions();
    this.units = departments.map((unit) => h('input', { type: 'checkbox', name: 'recipientUnits', value: unit.code }));
    this.approver = h(
      'select',
      { class: 'input', name: 'approver' },
      h('option', { value: '' }, t('classified.field.approverDefault')),
      ...people.map((person) =>
        h(
          'option',
          { value: person.username },
          [person.displayName, person.position?.name, person.orgUnit?.name].filter(Boolean).join(' · '),
        ),
      ),
    );
    const submit = h('button', { type: 'submit', class: 'btn btn--primary btn--large' }, t('classified.new.submit'));
    this.element = h(
      'form',
      { class: 'classified-new', novalidate: true },
      this.error,
      card(
        t('classified.new.document'),
        null,
        field(t('classified.field.title'), this.title),
        field(t('classified.field.body'), this.body),
      ),
      card(
        t('classified.new.classification'),
        null,
        field(t('classified.field.grade'), this.grade, t('classified.field.gradeHint')),
        field(t('classified.field.reviewOn'), this.reviewOn),
        field(t('classified.field.reviewAction'), this.reviewAction),
      ),
      card(
        t('classified.new.distribution'),
        null,
        h(
          'fieldset',
          { class: 'field' },
          h('legend', { class: 'field__label' }, t('classified.field.recipientUnits')),
          ...departments.map((unit, i) => h('label', { class: 'checkbox' }, this.units[i], ` ${unit.name}`)),
        ),
        field(t('classified.field.approver'), this.approver, t('classified.field.approverHint')),
      ),
      h('div', { class: 'decision' }, submit),
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      void withBusy(submit, () => this.submit());
    });
  }

  /** The 예고문 may re-grade only to a lower grade, declassify, or destroy. */
  private offerReviewActions(): void {
    const lower = GRADES.slice(GRADES.indexOf(this.grade.value as SecurityGrade) + 1);
    this.reviewAction.replaceChildren(
      ...lower.map((grade) =>
        h(
          'option',
          { value: `regrade:${grade}` },
          t('classified.action.regrade', { grade: t(`security.grade.${grade}`) }),
        ),
      ),
      h('option', { value: 'declassify' }, t('classified.action.declassify')),
      h('option', { value: 'destroy' }, t('classified.action.destroy')),
    );
  }

  private async submit(): Promise<void> {
    this.error.hidden = true;
    const recipientUnits = this.units.filter((box) => box.checked).map((box) => box.value);
    if (!this.title.value.trim()) return this.fail(t('classified.new.noTitle'), this.title);
    if (!this.reviewOn.value) return this.fail(t('classified.new.noReviewOn'), this.reviewOn);
    if (recipientUnits.length === 0) return this.fail(t('classified.new.noRecipients'), this.units[0] ?? this.error);
    try {
      await api.instances.startProcessInstance({
        processId: PROCESS_ID,
        classification: this.grade.value as SecurityGrade,
        reviewOn: this.reviewOn.value,
        reviewAction: this.reviewAction.value,
        variables: {
          title: this.title.value.trim(),
          body: this.body.value,
          recipientUnits,
          approver: this.approver.value || null,
          reviewers: [],
        },
      });
      this.onStarted();
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
