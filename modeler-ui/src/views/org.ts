import { api, isAbort, type OrgPerson, type OrgPosition, type OrgRank, type OrgUnit } from '../api';
import { card, h, replaceChildren } from '../lib/dom';
import { errorMessage } from '../lib/errors';
import { canManageOrg } from '../session';
import { t, type MessageKey } from '../i18n';
import { createHeadForm, createMoveForm, createPersonForm } from './components/org-forms';
import { personRecord } from './components/org-history';
import { errorBlock, loadingBlock } from './components/status';
import type { View, ViewContext } from './types';

interface Chart {
  units: OrgUnit[];
  positions: OrgPosition[];
  ranks: OrgRank[];
}

/**
 * The org chart: the unit tree, and the people of the selected unit with their position and rank. Everyone signed
 * in reads it; administrators also add people, move them (with a successor for their open tasks) and set heads.
 */
export const orgView: View = async (ctx) => {
  ctx.setTitle(t('org.title'));
  const heading = h('h1', { class: 'page-title', tabindex: -1 }, t('org.title'));
  const body = h('div', { 'aria-busy': 'true' }, loadingBlock());
  ctx.outlet.replaceChildren(h('div', { class: 'page-head' }, heading), body);
  try {
    const [units, positions, ranks] = await Promise.all([
      api.org.listUnits(ctx.signal),
      api.org.listPositions(ctx.signal),
      api.org.listRanks(ctx.signal),
    ]);
    if (ctx.signal.aborted) return;
    new OrgPage(ctx, body, { units, positions, ranks }).mount();
  } catch (err) {
    if (isAbort(err) || ctx.signal.aborted) return;
    body.replaceChildren(errorBlock(errorMessage(err), () => ctx.navigate('/org', { replace: true })));
  } finally {
    body.setAttribute('aria-busy', 'false');
  }
};

class OrgPage {
  private readonly tree = h('nav', { class: 'org-tree', 'aria-label': t('org.units') });
  private readonly unitArea = h('div', { class: 'org-unit' });
  private selected: OrgUnit | undefined;
  private people: OrgPerson[] = [];

  constructor(
    private readonly ctx: ViewContext,
    private readonly body: HTMLElement,
    private chart: Chart,
  ) {}

  mount(): void {
    replaceChildren(
      this.body,
      h('p', { class: 'muted page-intro' }, t(canManageOrg() ? 'org.intro.admin' : 'org.intro')),
      h('div', { class: 'org-layout' }, card(t('org.units'), 'org-layout__tree', this.tree), this.unitArea),
    );
    this.renderTree();
    const first = this.chart.units[0];
    if (first) void this.select(first.id);
  }

  private renderTree(): void {
    const byParent = new Map<string, OrgUnit[]>();
    for (const unit of this.chart.units) {
      const key = unit.parentId ?? '';
      byParent.set(key, [...(byParent.get(key) ?? []), unit]);
    }
    const known = new Set(this.chart.units.map((unit) => unit.id));
    const branch = (units: OrgUnit[]): HTMLElement =>
      h(
        'ul',
        { class: 'org-tree__list' },
        ...units.map((unit) => {
          const children = byParent.get(unit.id);
          return h(
            'li',
            null,
            h(
              'button',
              {
                type: 'button',
                class: 'org-tree__unit',
                'aria-current': unit.id === this.selected?.id ? 'true' : null,
                on: { click: () => void this.select(unit.id) },
              },
              unit.name,
            ),
            children ? branch(children) : null,
          );
        }),
      );
    this.tree.replaceChildren(branch(this.chart.units.filter((unit) => !unit.parentId || !known.has(unit.parentId))));
  }

  private async select(unitId: string): Promise<void> {
    this.selected = this.chart.units.find((unit) => unit.id === unitId);
    this.renderTree();
    this.unitArea.setAttribute('aria-busy', 'true');
    this.unitArea.replaceChildren(loadingBlock());
    try {
      this.people = await api.org.listPeople(unitId, this.ctx.signal);
      if (this.ctx.signal.aborted || this.selected?.id !== unitId) return;
      this.renderUnit();
    } catch (err) {
      if (isAbort(err) || this.ctx.signal.aborted) return;
      this.unitArea.replaceChildren(errorBlock(errorMessage(err), () => void this.select(unitId)));
    } finally {
      this.unitArea.setAttribute('aria-busy', 'false');
    }
  }

  /** After a change: the units again (heads may have changed), then the selected unit's people. */
  private async reload(): Promise<void> {
    const unitId = this.selected?.id;
    try {
      this.chart = { ...this.chart, units: await api.org.listUnits(this.ctx.signal) };
    } catch (err) {
      if (isAbort(err) || this.ctx.signal.aborted) return;
      this.unitArea.replaceChildren(errorBlock(errorMessage(err), () => void this.reload()));
      return;
    }
    if (unitId) await this.select(unitId);
  }

  private renderUnit(): void {
    const unit = this.selected;
    if (!unit) return;
    const detailArea = h('div', { class: 'org-detail' });
    const admin = canManageOrg();
    replaceChildren(
      this.unitArea,
      card(
        unit.name,
        'org-unit__people',
        h(
          'p',
          { class: 'muted' },
          `${t(`org.kind.${unit.kind}` as MessageKey)} · ${unit.code} · ${t('org.head')}: ${unit.head?.displayName ?? t('org.none')}`,
        ),
        this.peopleTable(unit, {
          open: (person) => void this.openRecord(person, detailArea),
          move: admin ? (person) => this.openMove(person, detailArea) : null,
        }),
      ),
      detailArea,
      admin
        ? card(
            t('org.add.title'),
            null,
            createPersonForm(unit, this.chart.positions, this.chart.ranks, () => void this.reload()),
          )
        : null,
      admin
        ? card(
            t('org.head.title'),
            null,
            createHeadForm(unit, this.people, () => void this.reload()),
          )
        : null,
    );
  }

  private openMove(person: OrgPerson, area: HTMLElement): void {
    const form = createMoveForm(
      person,
      { units: this.chart.units, positions: this.chart.positions, colleagues: this.people },
      () => void this.reload(),
    );
    area.replaceChildren(card(t('org.move.heading', { name: person.displayName }), null, form));
    form.querySelector('select')?.focus();
  }

  private async openRecord(person: OrgPerson, area: HTMLElement): Promise<void> {
    area.replaceChildren(loadingBlock());
    try {
      const detail = await api.org.getPerson(person.id, this.ctx.signal);
      if (this.ctx.signal.aborted) return;
      area.replaceChildren(card(t('org.history.title', { name: person.displayName }), null, personRecord(detail)));
    } catch (err) {
      if (isAbort(err) || this.ctx.signal.aborted) return;
      area.replaceChildren(errorBlock(errorMessage(err), () => void this.openRecord(person, area)));
    }
  }

  private peopleTable(
    unit: OrgUnit,
    actions: { open: (person: OrgPerson) => void; move: ((person: OrgPerson) => void) | null },
  ): HTMLElement {
    const onMove = actions.move;
    if (!this.people.length) return h('p', { class: 'empty' }, t('org.people.empty'));
    const th = (key: MessageKey): HTMLTableCellElement => h('th', { scope: 'col' }, t(key));
    const cell = (label: MessageKey, ...content: Array<string | HTMLElement | null>): HTMLTableCellElement =>
      h('td', { data: { label: t(label) } }, ...content);
    const rows = this.people.map((person) =>
      h(
        'tr',
        { class: ['org-person', !person.active && 'is-inactive'] },
        h(
          'th',
          { scope: 'row' },
          h(
            'button',
            {
              type: 'button',
              class: 'org-person__name',
              'aria-label': t('org.history.open', { name: person.displayName }),
              on: { click: () => actions.open(person) },
            },
            person.displayName,
          ),
          unit.head?.id === person.id ? h('span', { class: 'badge org-person__head' }, t('org.head')) : null,
        ),
        cell('org.col.username', h('span', { class: 'mono' }, person.username)),
        cell('org.col.position', person.position?.name ?? '—'),
        cell('org.col.rank', person.rank?.name ?? '—'),
        cell('org.col.state', t(person.active ? 'org.state.active' : 'org.state.inactive')),
        onMove
          ? h(
              'td',
              null,
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn--secondary btn--small',
                  'aria-label': t('org.move.open', { name: person.displayName }),
                  on: { click: () => onMove(person) },
                },
                t('org.move.button'),
              ),
            )
          : null,
      ),
    );
    return h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table org-people' },
        h('caption', { class: 'table__caption' }, t('org.people.caption', { unit: unit.name, count: rows.length })),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            th('org.col.name'),
            th('org.col.username'),
            th('org.col.position'),
            th('org.col.rank'),
            th('org.col.state'),
            onMove ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('org.col.actions'))) : null,
          ),
        ),
        h('tbody', null, ...rows),
      ),
    );
  }
}
