/**
 * The administrators' forms of the org chart page: add a person to a unit, move a person (handing their open tasks
 * to a successor when one is chosen), and set a unit's head. Each shows the server's refusal in the form and calls
 * `done` once the change is made.
 */
import { api, type OrgPerson, type OrgPosition, type OrgRank, type OrgUnit, type PersonRef } from '../../api';
import { h, withBusy } from '../../lib/dom';
import { field } from '../../lib/field';
import { errorMessage } from '../../lib/errors';
import { notify } from '../../lib/notices';
import { t, type MessageKey } from '../../i18n';

function input(name: string, type = 'text', required = true): HTMLInputElement {
  return h('input', { class: 'input', name, type, required, autocomplete: 'off', spellcheck: 'false' });
}

function select(name: string, options: Array<{ value: string; label: string }>, selected = ''): HTMLSelectElement {
  return h(
    'select',
    { class: 'input', name },
    ...options.map((option) => h('option', { value: option.value, selected: option.value === selected }, option.label)),
  );
}

/** A form that sends its change once at a time and shows what the server refused. */
function changeForm(
  title: MessageKey,
  submitLabel: MessageKey,
  fields: HTMLElement[],
  send: () => Promise<void>,
): HTMLFormElement {
  const error = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, t(submitLabel));
  const form = h(
    'form',
    { class: 'org-form', novalidate: true, 'aria-label': t(title) },
    error,
    h('div', { class: 'org-form__fields' }, ...fields),
    h('div', { class: 'org-form__actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.hidden = true;
    void withBusy(submit, async () => {
      try {
        await send();
      } catch (err) {
        error.textContent = errorMessage(err);
        error.hidden = false;
      }
    });
  });
  return form;
}

const positionOptions = (positions: OrgPosition[]) => [
  { value: '', label: t('org.none') },
  ...positions.map((position) => ({ value: position.code, label: position.name })),
];

export function createPersonForm(
  unit: OrgUnit,
  positions: OrgPosition[],
  ranks: OrgRank[],
  done: (person: OrgPerson) => void,
): HTMLFormElement {
  const username = input('username');
  const displayName = input('displayName');
  const email = input('email', 'email', false);
  const password = input('password', 'password');
  password.autocomplete = 'new-password';
  const position = select('positionCode', positionOptions(positions), 'staff');
  const rank = select('rankCode', [
    { value: '', label: t('org.none') },
    ...ranks.map((one) => ({ value: one.code, label: one.name })),
  ]);
  return changeForm(
    'org.add.title',
    'org.add.submit',
    [
      field(t('org.field.username'), username),
      field(t('org.field.displayName'), displayName),
      field(t('org.field.email'), email),
      field(t('org.field.password'), password),
      field(t('org.field.position'), position),
      field(t('org.field.rank'), rank),
    ],
    async () => {
      const person = await api.org.addPerson({
        username: username.value.trim(),
        displayName: displayName.value.trim(),
        password: password.value,
        orgUnitId: unit.id,
        ...(email.value.trim() && { email: email.value.trim() }),
        ...(position.value && { positionCode: position.value }),
        ...(rank.value && { rankCode: rank.value }),
      });
      notify(t('org.add.done', { name: person.displayName, unit: unit.name }), 'success');
      done(person);
    },
  );
}

/** Units as options, indented by their depth in the tree (they come parents first). */
function unitOptions(units: OrgUnit[]): Array<{ value: string; label: string }> {
  const depth = new Map<string, number>();
  return units.map((unit) => {
    const level = unit.parentId ? (depth.get(unit.parentId) ?? 0) + 1 : 0;
    depth.set(unit.id, level);
    return { value: unit.id, label: `${'\u00a0\u00a0'.repeat(level)}${unit.name}` };
  });
}

export function createMoveForm(
  person: OrgPerson,
  context: { units: OrgUnit[]; positions: OrgPosition[]; colleagues: OrgPerson[] },
  done: () => void,
): HTMLFormElement {
  const target = select(
    'orgUnitId',
    unitOptions(context.units).filter((option) => option.value !== person.orgUnit?.id),
  );
  const position = select('positionCode', positionOptions(context.positions), person.position?.code ?? '');
  const successor = select('successorId', [
    { value: '', label: t('org.move.noHandover') },
    ...context.colleagues
      .filter((colleague) => colleague.id !== person.id && colleague.active)
      .map((colleague) => ({ value: colleague.id, label: `${colleague.displayName} (${colleague.username})` })),
  ]);
  return changeForm(
    'org.move.title',
    'org.move.submit',
    [
      field(t('org.move.target'), target),
      field(t('org.field.position'), position),
      field(t('org.move.successor'), successor),
      h('p', { class: 'field__hint' }, t('org.move.hint')),
    ],
    async () => {
      const { handover } = await api.org.movePerson(person.id, {
        orgUnitId: target.value,
        ...(position.value && { positionCode: position.value }),
        ...(successor.value && { successorId: successor.value }),
      });
      const unitName = context.units.find((unit) => unit.id === target.value)?.name ?? '';
      notify(t('org.move.done', { name: person.displayName, unit: unitName }), 'success');
      if (handover) notify(t('org.move.handedOver', { count: handover.taskIds.length }), 'info');
      done();
    },
  );
}

/** The head is chosen among the unit's people; a head from elsewhere (an agency head) stays offered. */
export function createHeadForm(unit: OrgUnit, people: OrgPerson[], done: () => void): HTMLFormElement {
  const candidates: PersonRef[] = people.filter((person) => person.active);
  if (unit.head && !candidates.some((person) => person.id === unit.head?.id)) candidates.unshift(unit.head);
  const head = select(
    'headId',
    [
      { value: '', label: t('org.none') },
      ...candidates.map((person) => ({ value: person.id, label: `${person.displayName} (${person.username})` })),
    ],
    unit.head?.id ?? '',
  );
  return changeForm('org.head.title', 'org.head.submit', [field(t('org.head.field'), head)], async () => {
    await api.org.setUnitHead(unit.id, head.value || null);
    notify(t('org.head.done', { unit: unit.name }), 'success');
    done();
  });
}
