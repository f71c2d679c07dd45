/**
 * The queue's filter form (process, due window, priority, sort) and the person's saved filters: choosing a saved
 * filter fills the form and searches; the current form can be saved under a name.
 */
import { api, type QueueCriteria, type SavedFilter } from '../../api';
import { h, uid, withBusy } from '../../lib/dom';
import { errorMessage } from '../../lib/errors';
import { notify } from '../../lib/notices';
import { t, type MessageKey } from '../../i18n';

export interface QueueFilters {
  element: HTMLElement;
  /** The criteria the form holds now (without the scope, which the tabs own). */
  read(): QueueCriteria;
  loadSaved(signal: AbortSignal): Promise<void>;
}

/** Due dates are picked as days in Korean time; the window covers the whole of both days. */
const KST = '+09:00';

export function createQueueFilters(onSearch: () => void): QueueFilters {
  const field = (label: MessageKey, control: HTMLElement & { id: string }): HTMLElement =>
    h('div', { class: 'field' }, h('label', { class: 'field__label', for: control.id }, t(label)), control);
  const input = (type: string, attrs: Record<string, unknown> = {}) =>
    h('input', { id: uid('queue-filter'), type, class: 'input', ...attrs });
  const select = (options: Array<[string, MessageKey]>) =>
    h(
      'select',
      { id: uid('queue-filter'), class: 'input' },
      ...options.map(([value, label]) => h('option', { value }, t(label))),
    );

  const processId = input('text', { autocomplete: 'off' });
  const dueAfter = input('date');
  const dueBefore = input('date');
  const priorityMin = input('number', { min: 0, max: 100 });
  const priorityMax = input('number', { min: 0, max: 100 });
  const sort = select([
    ['due', 'tasks.sort.due'],
    ['priority', 'tasks.sort.priority'],
    ['created', 'tasks.sort.created'],
  ]);
  const order = select([
    ['', 'tasks.order.default'],
    ['asc', 'tasks.order.asc'],
    ['desc', 'tasks.order.desc'],
  ]);

  const saved = h('select', { id: uid('saved-filter'), class: 'input' });
  let savedFilters: SavedFilter[] = [];
  const savedName = input('text', { autocomplete: 'off', maxlength: 100 });
  const saveButton = h('button', { type: 'button', class: 'btn btn--secondary' }, t('tasks.saved.save'));
  const deleteButton = h('button', { type: 'button', class: 'btn btn--ghost' }, t('tasks.saved.delete'));

  function read(): QueueCriteria {
    const number = (el: HTMLInputElement) => (el.value === '' ? undefined : Number(el.value));
    return {
      ...(processId.value.trim() && { processId: processId.value.trim() }),
      ...(dueAfter.value && { dueAfter: `${dueAfter.value}T00:00:00${KST}` }),
      ...(dueBefore.value && { dueBefore: `${dueBefore.value}T23:59:59.999${KST}` }),
      priorityMin: number(priorityMin),
      priorityMax: number(priorityMax),
      sort: sort.value as QueueCriteria['sort'],
      ...(order.value && { order: order.value as QueueCriteria['order'] }),
    };
  }

  function fill(criteria: QueueCriteria): void {
    processId.value = criteria.processId ?? '';
    dueAfter.value = criteria.dueAfter ? kstDay(criteria.dueAfter) : '';
    dueBefore.value = criteria.dueBefore ? kstDay(criteria.dueBefore) : '';
    priorityMin.value = criteria.priorityMin?.toString() ?? '';
    priorityMax.value = criteria.priorityMax?.toString() ?? '';
    sort.value = criteria.sort ?? 'due';
    order.value = criteria.order ?? '';
  }

  function renderSaved(): void {
    saved.replaceChildren(
      h('option', { value: '' }, t('tasks.saved.none')),
      ...savedFilters.map((filter) => h('option', { value: filter.id }, filter.name)),
    );
    deleteButton.disabled = true;
  }

  saved.addEventListener('change', () => {
    const chosen = savedFilters.find((filter) => filter.id === saved.value);
    deleteButton.disabled = !chosen;
    if (!chosen) return;
    fill(chosen.criteria);
    onSearch();
  });

  saveButton.addEventListener('click', () => {
    const name = savedName.value.trim();
    if (!name) {
      notify(t('tasks.saved.nameRequired'), 'error');
      savedName.focus();
      return;
    }
    void withBusy(saveButton, async () => {
      try {
        const filter = await api.tasks.saveFilter(name, withoutUndefined(read()));
        savedFilters = [...savedFilters, filter].sort((a, b) => a.name.localeCompare(b.name));
        renderSaved();
        saved.value = filter.id;
        deleteButton.disabled = false;
        savedName.value = '';
        notify(t('tasks.saved.saved', { name }), 'success');
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    });
  });

  deleteButton.addEventListener('click', () => {
    const id = saved.value;
    if (!id) return;
    void withBusy(deleteButton, async () => {
      try {
        await api.tasks.deleteSavedFilter(id);
        savedFilters = savedFilters.filter((filter) => filter.id !== id);
        renderSaved();
        notify(t('tasks.saved.deleted'), 'success');
      } catch (err) {
        notify(errorMessage(err), 'error');
      }
    });
  });

  const form = h(
    'form',
    {
      class: 'queue-filters__form',
      on: {
        submit: (event: SubmitEvent) => {
          event.preventDefault();
          onSearch();
        },
      },
    },
    field('tasks.filter.process', processId),
    field('tasks.filter.dueAfter', dueAfter),
    field('tasks.filter.dueBefore', dueBefore),
    field('tasks.filter.priorityMin', priorityMin),
    field('tasks.filter.priorityMax', priorityMax),
    field('tasks.filter.sort', sort),
    field('tasks.filter.order', order),
    h(
      'div',
      { class: 'queue-filters__actions' },
      h('button', { type: 'submit', class: 'btn btn--primary' }, t('tasks.filter.apply')),
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn--ghost',
          on: {
            click: () => {
              fill({});
              saved.value = '';
              onSearch();
            },
          },
        },
        t('tasks.filter.reset'),
      ),
    ),
  );
  renderSaved();
  const element = h(
    'details',
    { class: 'queue-filters' },
    h('summary', null, t('tasks.filter.title')),
    form,
    h(
      'div',
      { class: 'queue-filters__saved' },
      field('tasks.saved.label', saved),
      deleteButton,
      field('tasks.saved.name', savedName),
      saveButton,
    ),
  );

  async function loadSaved(signal: AbortSignal): Promise<void> {
    try {
      savedFilters = await api.tasks.listSavedFilters(signal);
      renderSaved();
    } catch {
      // Saved filters are a convenience: the queue works without them.
    }
  }

  return { element, read, loadSaved };
}

function kstDay(iso: string): string {
  return new Date(new Date(iso).getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

function withoutUndefined(criteria: QueueCriteria): QueueCriteria {
  return Object.fromEntries(Object.entries(criteria).filter(([, value]) => value !== undefined));
}
