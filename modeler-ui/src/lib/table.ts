/** The app's data table: a sideways-scrolling wrapper, an optional caption, column headings and the rows. */
import { h } from './dom';
import { t, type MessageKey } from '../i18n';

export interface DataTable {
  caption?: string;
  /** Column headings as message keys; null for an unlabelled column (a row's buttons). */
  headings: readonly (MessageKey | null)[];
  /** The rows, or the tbody itself when the page appends more rows to it later. */
  rows: readonly Node[] | HTMLTableSectionElement;
}

export function dataTable({ caption, headings, rows }: DataTable): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'table' },
      caption ? h('caption', { class: 'table__caption' }, caption) : null,
      h('thead', null, h('tr', null, ...headings.map((key) => (key ? h('th', { scope: 'col' }, t(key)) : h('th'))))),
      rows instanceof HTMLTableSectionElement ? rows : h('tbody', null, ...rows),
    ),
  );
}
