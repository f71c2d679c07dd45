/**
 * The security officer's page (docs/classified.md): clearances (grant with a grade and an expiry, revoke) and the
 * reading record of one classified instance. The API refuses everyone else; the menu shows the page to the officer.
 */
import { api, isAbort, type Clearance, type OrgPerson, type ReadingRecord, type SecurityGrade } from '../api';
import { card, h, replaceChildren, uid, withBusy } from '../lib/dom';
import { dataTable } from '../lib/table';
import { errorMessage } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { notify } from '../lib/notices';
import { t, type MessageKey } from '../i18n';
import { errorBlock, loadingBlock } from './components/status';
import type { View } from './types';

const GRADES: readonly SecurityGrade[] = ['GRADE_I', 'GRADE_II', 'GRADE_III', 'RESTRICTED'];
const gradeName = (grade: SecurityGrade) => t(`security.grade.${grade}` as MessageKey);

export const securityView: View = async (ctx) => {
  ctx.setTitle(t('security.title'));
  const clearances = h('div', { 'aria-busy': 'true' }, loadingBlock());
  ctx.outlet.replaceChildren(
    h('div', { class: 'page-head' }, h('h1', { class: 'page-title', tabindex: -1 }, t('security.title'))),
    h('p', { class: 'muted page-intro' }, t('security.intro')),
    clearances,
    readingRecordCard(),
  );

  async function load(): Promise<void> {
    try {
      const [rows, people] = await Promise.all([api.security.listClearances(ctx.signal), everyone(ctx.signal)]);
      if (ctx.signal.aborted) return;
      clearances.replaceChildren(
        card(t('security.clearances'), null, clearanceTable(rows, load), grantForm(people, load)),
      );
    } catch (err) {
      if (isAbort(err) || ctx.signal.aborted) return;
      clearances.replaceChildren(errorBlock(errorMessage(err), () => void load()));
    } finally {
      clearances.setAttribute('aria-busy', 'false');
    }
  }

  await load();
};

/** Every person of the org chart, unit by unit, for the grant form's choice. */
async function everyone(signal: AbortSignal): Promise<OrgPerson[]> {
  const units = await api.org.listUnits(signal);
  const perUnit = await Promise.all(units.map((unit) => api.org.listPeople(unit.id, signal)));
  return perUnit.flat().filter((person) => person.active);
}

function clearanceTable(rows: Clearance[], reload: () => Promise<void>): HTMLElement {
  const body = rows.map((row) => {
    const revoke = h('button', { type: 'button', class: 'btn btn--danger btn--small' }, t('security.revoke'));
    revoke.addEventListener('click', () => {
      if (!window.confirm(t('security.revokeConfirm', { name: row.displayName }))) return;
      void withBusy(revoke, async () => {
        try {
          await api.security.revokeClearance(row.userId);
          notify(t('security.revoked'), 'success');
          await reload();
        } catch (err) {
          notify(errorMessage(err), 'error');
        }
      });
    });
    return h(
      'tr',
      null,
      h('td', null, `${row.displayName} (${row.username})`),
      h('td', null, gradeName(row.grade)),
      h(
        'td',
        { class: 'nowrap' },
        h('time', { datetime: row.expiresAt }, formatDateTime(row.expiresAt)),
        row.expired ? h('span', { class: 'badge' }, t('security.expired')) : null,
      ),
      h('td', null, revoke),
    );
  });
  if (rows.length === 0) return h('p', { class: 'muted' }, t('security.noClearances'));
  return dataTable({
    caption: t('security.clearancesCaption', { count: rows.length }),
    headings: ['security.col.person', 'security.col.grade', 'security.col.expires', null],
    rows: body,
  });
}

function grantForm(people: OrgPerson[], reload: () => Promise<void>): HTMLElement {
  const person = h(
    'select',
    { id: uid('security-person'), class: 'input', required: true },
    ...people.map((p) => h('option', { value: p.id }, `${p.displayName} (${p.username})`)),
  );
  const grade = h(
    'select',
    { id: uid('security-grade'), class: 'input' },
    ...GRADES.map((code) => h('option', { value: code }, gradeName(code))),
  );
  const expires = h('input', { id: uid('security-expires'), class: 'input', type: 'date', required: true });
  const submit = h('button', { type: 'submit', class: 'btn btn--primary' }, t('security.grant'));
  const field = (control: HTMLElement, key: MessageKey) =>
    h('div', { class: 'field' }, h('label', { class: 'field__label', for: control.id }, t(key)), control);
  const form = h(
    'form',
    { class: 'security__grant', novalidate: true },
    field(person, 'security.col.person'),
    field(grade, 'security.col.grade'),
    field(expires, 'security.col.expires'),
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!expires.value) {
      notify(t('security.expiresRequired'), 'error');
      return;
    }
    // The end of the chosen day in Korea: a clearance lasts through its last day.
    const expiresAt = new Date(`${expires.value}T23:59:59+09:00`).toISOString();
    void withBusy(submit, async () => {
      try {
        await api.security.grantClearance(person.value, grade.value as SecurityGrade, expiresAt);
        notify(t('security.granted'), 'success');
        await reload();
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    });
  });
  return form;
}

function readingRecordCard(): HTMLElement {
  const instance = h('input', {
    id: uid('security-instance'),
    class: 'input',
    type: 'text',
    required: true,
    autocomplete: 'off',
  });
  const submit = h('button', { type: 'submit', class: 'btn btn--secondary' }, t('security.readingsLoad'));
  const result = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'security__readings', novalidate: true },
    h('label', { class: 'field__label', for: instance.id }, t('security.readingsInstance')),
    instance,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = instance.value.trim();
    if (!id) return;
    void withBusy(submit, async () => {
      try {
        replaceChildren(result, readingTable(await api.security.readingRecords(id)));
      } catch (err) {
        replaceChildren(result, errorBlock(errorMessage(err)));
      }
    });
  });
  return card(t('security.readings'), null, h('p', { class: 'muted' }, t('security.readingsIntro')), form, result);
}

function readingTable(rows: ReadingRecord[]): HTMLElement {
  if (rows.length === 0) return h('p', { class: 'muted' }, t('security.noReadings'));
  return dataTable({
    caption: t('security.readingsCaption', { count: rows.length }),
    headings: [
      'security.col.readAt',
      'security.col.reader',
      'security.col.source',
      'security.col.item',
      'security.col.grade',
      'security.col.signature',
    ],
    rows: rows.map((row) =>
      h(
        'tr',
        null,
        h('td', { class: 'nowrap' }, h('time', { datetime: row.readAt }, formatDateTime(row.readAt))),
        h('td', null, row.reader),
        h('td', null, row.sourceAddress ?? '—'),
        h('td', null, `${row.itemType} ${row.itemId}`),
        h('td', null, gradeName(row.grade)),
        h(
          'td',
          null,
          h(
            'span',
            { class: row.signatureValid ? 'badge' : 'badge badge--danger' },
            t(row.signatureValid ? 'security.signatureValid' : 'security.signatureBroken'),
          ),
        ),
      ),
    ),
  });
}
