/**
 * The page frame: skip link, official-site banner, header (brand, user, language, logout), main menu, notice region
 * and <main>.
 * It is rebuilt only when the user or the language changes; views render inside `outlet`.
 */
import type { User } from '../api';
import { h } from '../lib/dom';
import { href } from '../router';
import {
  canDraftClassified,
  canKeepSecurity,
  canReadAuditTrail,
  isInsider,
  canReadDashboards,
  canReadIncidents,
  canReadRecords,
  canSearchInstances,
} from '../session';
import { getLocale, t } from '../i18n';

export interface ShellHandlers {
  onToggleLocale(): void;
  onLogout(button: HTMLButtonElement): void;
}

export interface Shell {
  root: HTMLElement;
  outlet: HTMLElement;
  notices: HTMLElement;
  /** Marks the menu entry for the current path with aria-current. */
  setActive(path: string): void;
}

interface NavItem {
  path: string;
  label: string;
}

export function createShell(user: User | null, handlers: ShellHandlers): Shell {
  const nav: NavItem[] = user ? [{ path: '/tasks', label: t('nav.tasks') }] : [];
  // The government processes first: documents, petitions, bids, cases; then operations, then the organisation.
  if (isInsider(user)) nav.push({ path: '/approvals', label: t('approvals.nav') });
  // Classified documents are drafted by civil servants; the API checks the clearance.
  if (canDraftClassified(user)) nav.push({ path: '/classified/new', label: t('classified.nav') });
  if (user) nav.push({ path: '/petitions', label: t('petitions.nav') });
  if (user) nav.push({ path: '/procurement', label: t('procurement.nav') });
  // Litigants file and follow their cases; civil servants see their court's docket (the API decides which).
  if (user?.roles.some((role) => role === 'external-party' || role === 'civil-servant'))
    nav.push({ path: '/e-court', label: t('eCourt.nav') });
  if (canSearchInstances(user)) nav.push({ path: '/instances', label: t('instances.nav') });
  if (canReadIncidents(user)) nav.push({ path: '/incidents', label: t('nav.incidents') });
  // Everyone signed in may view diagrams; the pages themselves are read-only except for analysts and admins.
  if (user) nav.push({ path: '/processes', label: t('nav.processes') });
  if (canReadDashboards(user)) nav.push({ path: '/dashboards', label: t('dashboards.nav') });
  // The agency's people read the org chart; only administrators get its forms.
  if (isInsider(user)) nav.push({ path: '/org', label: t('org.nav') });
  if (canReadRecords(user)) nav.push({ path: '/records', label: t('records.nav') });
  if (canReadAuditTrail(user)) nav.push({ path: '/audit', label: t('audit.nav') });
  if (canKeepSecurity(user)) nav.push({ path: '/security', label: t('security.nav') });
  if (user) nav.push({ path: '/settings', label: t('settings.nav') });
  const navLinks = nav.map((item) => ({
    item,
    link: h('a', { class: 'nav__link', href: href(item.path) }, item.label),
  }));

  const langButton = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--header',
      lang: getLocale() === 'ko' ? 'en' : 'ko',
      'aria-label': t('lang.switchLabel'),
      on: { click: () => handlers.onToggleLocale() },
    },
    t('lang.switchTo'),
  );

  const logoutButton = user ? h('button', { type: 'button', class: 'btn btn--header' }, t('auth.logout')) : null;
  logoutButton?.addEventListener('click', () => handlers.onLogout(logoutButton));

  const outlet = h('div', { class: 'page' });
  const notices = h('div', { class: 'notices', 'aria-live': 'polite' });
  const main = h('main', { id: 'main', class: 'main', tabindex: -1 }, notices, outlet);

  const root = h(
    'div',
    { class: 'shell' },
    h(
      'a',
      {
        class: 'skip-link',
        href: '#main',
        on: {
          click: (e) => {
            e.preventDefault();
            main.focus();
          },
        },
      },
      t('app.skipToContent'),
    ),
    h('div', { class: 'masthead' }, h('p', { class: 'masthead__inner' }, t('app.masthead'))),
    h(
      'header',
      { class: 'header' },
      h(
        'div',
        { class: 'header__inner' },
        h(
          'a',
          { class: 'brand', href: href(user ? '/tasks' : '/login') },
          h('span', { class: 'brand__mark', 'aria-hidden': 'true' }),
          h(
            'span',
            { class: 'brand__text' },
            h('span', { class: 'brand__title' }, t('app.title')),
            h('span', { class: 'brand__subtitle' }, t('app.subtitle')),
          ),
        ),
        h(
          'div',
          { class: 'header__tools' },
          user ? h('span', { class: 'header__user' }, t('auth.signedInAs', { name: user.displayName })) : null,
          langButton,
          logoutButton,
        ),
      ),
      navLinks.length
        ? h(
            'nav',
            { class: 'nav', 'aria-label': t('app.mainNav') },
            h('ul', { class: 'nav__list' }, ...navLinks.map(({ link }) => h('li', null, link))),
          )
        : null,
    ),
    main,
  );

  return {
    root,
    outlet,
    notices,
    setActive(path: string) {
      for (const { item, link } of navLinks) {
        const active = path === item.path || path.startsWith(`${item.path}/`) || path.startsWith(`${item.path}?`);
        if (active) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
    },
  };
}
