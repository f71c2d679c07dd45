/**
 * A key/value editor for process variables: rows of name, type and value. Values are parsed by type
 * (text, number, true/false, JSON) and every problem is shown next to its field.
 */
import { h, uid } from '../../lib/dom';
import { t, type MessageKey } from '../../i18n';
import type { Variables } from '../../api';

export type ValueType = 'string' | 'number' | 'boolean' | 'json';
const VALUE_TYPES: ValueType[] = ['string', 'number', 'boolean', 'json'];
const KEY_PATTERN = /^[\p{L}_][\p{L}\p{N}_]*$/u;

interface Row {
  id: string;
  el: HTMLElement;
  key: HTMLInputElement;
  type: HTMLSelectElement;
  valueCell: HTMLElement;
  value: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  error: HTMLElement;
}

export type ReadResult = { ok: true; variables: Variables } | { ok: false; firstInvalid: HTMLElement };

export interface KvEditor {
  element: HTMLElement;
  /** Parses all rows; on failure marks the fields and returns the first invalid one to focus. */
  read(): ReadResult;
}

export interface KvEditorOptions {
  /** The only names the task accepts (the server refuses others): offered as suggestions and checked on read. */
  allowedKeys?: readonly string[];
  legend?: string;
  /** Keep the legend for screen readers only (when a visible heading such as a <summary> already says it). */
  legendHidden?: boolean;
  hint?: string;
}

export function createKvEditor(options: KvEditorOptions = {}): KvEditor {
  const allowed = options.allowedKeys && new Set(options.allowedKeys);
  const suggestions =
    allowed && h('datalist', { id: uid('kv-keys') }, ...[...allowed].map((key) => h('option', { value: key })));
  const rows: Row[] = [];
  const list = h('ol', { class: 'kv__rows' });
  const empty = h('p', { class: 'kv__empty muted' }, t('kv.empty'));
  const hintId = uid('kv-hint');

  const addButton = h(
    'button',
    { type: 'button', class: 'btn btn--secondary btn--small', on: { click: () => addRow(true) } },
    `+ ${t('kv.add')}`,
  );

  const element = h(
    'fieldset',
    { class: 'kv', 'aria-describedby': options.hint ? hintId : undefined },
    h('legend', { class: options.legendHidden ? 'visually-hidden' : 'kv__legend' }, options.legend ?? t('task.fields')),
    options.hint ? h('p', { id: hintId, class: 'field__hint' }, options.hint) : null,
    suggestions,
    empty,
    list,
    h('div', { class: 'kv__actions' }, addButton),
  );

  function updateEmpty(): void {
    empty.hidden = rows.length > 0;
  }

  function makeValueControl(type: ValueType, labelId: string, previous: string): Row['value'] {
    if (type === 'boolean') {
      return h(
        'select',
        { class: 'input', 'aria-labelledby': labelId },
        h('option', { value: 'true', selected: previous !== 'false' }, 'true'),
        h('option', { value: 'false', selected: previous === 'false' }, 'false'),
      );
    }
    if (type === 'json') {
      return h('textarea', {
        class: 'input input--mono',
        rows: 3,
        'aria-labelledby': labelId,
        spellcheck: 'false',
        props: { value: previous },
      });
    }
    return h('input', {
      class: 'input',
      type: 'text',
      inputmode: type === 'number' ? 'decimal' : undefined,
      'aria-labelledby': labelId,
      props: { value: previous },
    });
  }

  function addRow(focus: boolean): void {
    const id = uid('kv');
    const keyLabelId = `${id}-key-label`;
    const typeLabelId = `${id}-type-label`;
    const valueLabelId = `${id}-value-label`;
    const errorId = `${id}-error`;

    const key = h('input', {
      class: 'input',
      type: 'text',
      autocomplete: 'off',
      spellcheck: 'false',
      list: suggestions?.id,
      'aria-labelledby': keyLabelId,
    });
    const type = h(
      'select',
      { class: 'input', 'aria-labelledby': typeLabelId },
      ...VALUE_TYPES.map((vt) => h('option', { value: vt }, t(`kv.type.${vt}` as MessageKey))),
    );
    const valueCell = h('div', { class: 'kv__value' });
    const value = makeValueControl('string', valueLabelId, '');
    valueCell.append(value);
    const error = h('p', { id: errorId, class: 'field__error', hidden: true });
    const removeLabel = (): string =>
      key.value.trim() ? t('kv.remove', { key: key.value.trim() }) : t('kv.removeEmpty');
    const remove = h(
      'button',
      { type: 'button', class: 'btn btn--ghost btn--small kv__remove', 'aria-label': removeLabel() },
      '×',
    );
    key.addEventListener('input', () => remove.setAttribute('aria-label', removeLabel()));

    const el = h(
      'li',
      { class: 'kv__row' },
      h('div', { class: 'kv__cell' }, h('span', { id: keyLabelId, class: 'kv__label' }, t('kv.key')), key),
      h(
        'div',
        { class: 'kv__cell kv__cell--type' },
        h('span', { id: typeLabelId, class: 'kv__label' }, t('kv.type')),
        type,
      ),
      h(
        'div',
        { class: 'kv__cell kv__cell--value' },
        h('span', { id: valueLabelId, class: 'kv__label' }, t('kv.value')),
        valueCell,
      ),
      remove,
      error,
    );
    const row: Row = { id, el, key, type, valueCell, value, error };
    rows.push(row);

    type.addEventListener('change', () => {
      const previous = row.value.value;
      row.value = makeValueControl(type.value as ValueType, valueLabelId, previous);
      valueCell.replaceChildren(row.value);
    });
    remove.addEventListener('click', () => {
      const index = rows.indexOf(row);
      rows.splice(index, 1);
      el.remove();
      updateEmpty();
      // Keep focus in the editor: the next row's name, the previous one's, or the add button.
      (rows[index]?.key ?? rows[index - 1]?.key ?? addButton).focus();
    });
    list.append(el);
    updateEmpty();
    if (focus) key.focus();
  }

  function setError(row: Row, message: string | null, field: HTMLElement | null): void {
    for (const f of [row.key, row.value]) {
      f.removeAttribute('aria-invalid');
      f.removeAttribute('aria-describedby');
    }
    row.error.hidden = !message;
    row.error.textContent = message ?? '';
    if (message && field) {
      field.setAttribute('aria-invalid', 'true');
      field.setAttribute('aria-describedby', row.error.id);
    }
  }

  function parseValue(type: ValueType, raw: string): { ok: true; value: unknown } | { ok: false; message: string } {
    switch (type) {
      case 'string':
        return { ok: true, value: raw };
      case 'number': {
        const trimmed = raw.trim();
        const num = Number(trimmed);
        return trimmed !== '' && Number.isFinite(num)
          ? { ok: true, value: num }
          : { ok: false, message: t('kv.err.number') };
      }
      case 'boolean':
        if (raw === 'true') return { ok: true, value: true };
        if (raw === 'false') return { ok: true, value: false };
        return { ok: false, message: t('kv.err.boolean') };
      case 'json':
        try {
          return { ok: true, value: JSON.parse(raw) as unknown };
        } catch {
          return { ok: false, message: t('kv.err.json') };
        }
    }
  }

  function read(): ReadResult {
    const variables: Variables = {};
    let firstInvalid: HTMLElement | null = null;
    for (const row of rows) {
      const name = row.key.value.trim();
      const type = row.type.value as ValueType;
      const raw = row.value.value;
      if (!name && raw.trim() === '' && type !== 'boolean') {
        setError(row, null, null); // a blank row is ignored
        continue;
      }
      let problem: { message: string; field: HTMLElement } | null = null;
      if (!name) problem = { message: t('kv.err.keyRequired'), field: row.key };
      else if (!KEY_PATTERN.test(name)) problem = { message: t('kv.err.keyInvalid'), field: row.key };
      else if (allowed && !allowed.has(name))
        problem = { message: t('kv.err.keyNotAccepted', { key: name }), field: row.key };
      else if (Object.prototype.hasOwnProperty.call(variables, name))
        problem = { message: t('kv.err.keyDuplicate'), field: row.key };
      if (!problem) {
        const parsed = parseValue(type, raw);
        if (parsed.ok) variables[name] = parsed.value;
        else problem = { message: parsed.message, field: row.value };
      }
      setError(row, problem?.message ?? null, problem?.field ?? null);
      if (problem && !firstInvalid) firstInvalid = problem.field;
    }
    return firstInvalid ? { ok: false, firstInvalid } : { ok: true, variables };
  }

  updateEmpty();
  return { element, read };
}
