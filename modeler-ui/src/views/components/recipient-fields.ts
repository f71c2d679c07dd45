/**
 * 수신자 when drafting: units of this agency (from the org chart's people) and other agencies by name and mail
 * address. The document is sent to them once approved (시행).
 */
import type { OrgPerson, Recipient } from '../../api/approvals';
import { card, h } from '../../lib/dom';
import { t } from '../../i18n';

export class RecipientFields {
  private readonly units: HTMLInputElement[] = [];
  private readonly agencies = h('div', { class: 'approval-line__rows' });

  element(people: OrgPerson[]): HTMLElement {
    const units = new Map(
      people.flatMap((person) => (person.orgUnit ? [[person.orgUnit.code, person.orgUnit.name]] : [])),
    );
    const checkboxes = [...units].sort().map(([code, name]) => {
      const box = h('input', { type: 'checkbox', name: 'recipientUnit', value: code });
      this.units.push(box);
      return h('label', { class: 'checkbox' }, box, ` ${name}`);
    });
    const add = h('button', { type: 'button', class: 'btn btn--secondary btn--small' }, t('dispatch.addAgency'));
    add.addEventListener('click', () => {
      const name = h('input', { class: 'input', name: 'agencyName', 'aria-label': t('dispatch.agencyName') });
      const email = h('input', {
        class: 'input',
        name: 'agencyEmail',
        type: 'email',
        'aria-label': t('dispatch.email'),
      });
      const remove = h('button', { type: 'button', class: 'btn btn--ghost btn--small' }, t('approvals.line.remove'));
      const row = h('div', { class: 'approval-line__row' }, name, email, remove);
      remove.addEventListener('click', () => row.remove());
      this.agencies.append(row);
      name.focus();
    });
    return card(
      t('dispatch.recipients'),
      'approval-recipients',
      h('p', { class: 'field__hint' }, t('dispatch.recipientsHint')),
      h('fieldset', { class: 'approval-line__group' }, h('legend', null, t('dispatch.units')), ...checkboxes),
      h('fieldset', { class: 'approval-line__group' }, h('legend', null, t('dispatch.agencies')), this.agencies, add),
    );
  }

  read(): Recipient[] {
    const units = this.units.filter((box) => box.checked).map((box) => ({ unitCode: box.value }));
    const agencies = Array.from(this.agencies.children).flatMap((row) => {
      const [name, email] = Array.from(row.querySelectorAll('input')).map((input) => input.value.trim());
      return name && email ? [{ agencyName: name, email }] : [];
    });
    return [...units, ...agencies];
  }
}
