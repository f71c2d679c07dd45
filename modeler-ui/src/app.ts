/**
 * Wires the pieces: session probe, shell, routes with an auth guard, notices, language switch, logout.
 */
import { api, setUnauthorizedHandler } from './api';
import { h, withBusy } from './lib/dom';
import { errorMessage } from './lib/errors';
import { mountNotices, notify, onNavigate } from './lib/notices';
import { currentPath, Router, type Match } from './router';
import { getUser, setUser } from './session';
import { getLocale, onLocaleChange, setLocale, t } from './i18n';
import { approvalDocumentView } from './views/approval-document';
import { approvalNewView } from './views/approval-new';
import { approvalsView } from './views/approvals';
import { auditView } from './views/audit';
import { classifiedNewView } from './views/classified-new';
import { incidentDetailView } from './views/incident-detail';
import { incidentsView } from './views/incidents';
import { instanceDetailView } from './views/instance-detail';
import { instancesView } from './views/instances';
import { compareView } from './views/compare';
import { dashboardsView } from './views/dashboards';
import { eCourtCaseView } from './views/e-court-case';
import { eCourtCasesView } from './views/e-court-cases';
import { eCourtNewView } from './views/e-court-new';
import { loginView } from './views/login';
import { modelerView } from './views/modeler';
import { notFoundView } from './views/not-found';
import { orgView } from './views/org';
import { petitionNewView } from './views/petition-new';
import { petitionDetailView, petitionsView } from './views/petitions';
import { processesView } from './views/processes';
import { procurementBiddingView, procurementListView } from './views/procurement';
import { recordsView } from './views/records';
import { securityView } from './views/security';
import { settingsView } from './views/settings';
import { createShell, type Shell } from './views/shell';
import { taskDetailView } from './views/task-detail';
import { tasklistView } from './views/tasklist';
import { errorBlock, loadingBlock } from './views/components/status';
import type { View, ViewContext } from './views/types';

interface AppRoute {
  path: string;
  view: View;
  /** Reachable without a session. */
  public?: boolean;
  /** Where to go instead (e.g. `/` → `/tasks`). */
  redirect?: string;
}

const routes: AppRoute[] = [
  { path: '/', view: notFoundView, redirect: '/tasks' },
  { path: '/login', view: loginView, public: true },
  { path: '/tasks', view: tasklistView },
  { path: '/tasks/:id', view: taskDetailView },
  { path: '/approvals', view: approvalsView },
  { path: '/approvals/new', view: approvalNewView },
  { path: '/approvals/:id', view: approvalDocumentView },
  { path: '/petitions', view: petitionsView },
  { path: '/petitions/new', view: petitionNewView },
  { path: '/petitions/:id', view: petitionDetailView },
  { path: '/incidents', view: incidentsView },
  { path: '/incidents/:id', view: incidentDetailView },
  { path: '/instances', view: instancesView },
  { path: '/instances/:id', view: instanceDetailView },
  { path: '/processes', view: processesView },
  { path: '/modeler', view: modelerView },
  { path: '/modeler/:processId', view: modelerView },
  { path: '/modeler/:processId/compare', view: compareView },
  { path: '/settings', view: settingsView },
  { path: '/org', view: orgView },
  { path: '/dashboards', view: dashboardsView },
  { path: '/records', view: recordsView },
  { path: '/procurement', view: procurementListView },
  { path: '/procurement/:id', view: procurementBiddingView },
  { path: '/audit', view: auditView },
  { path: '/security', view: securityView },
  { path: '/classified/new', view: classifiedNewView },
  { path: '/e-court', view: eCourtCasesView },
  { path: '/e-court/new', view: eCourtNewView },
  { path: '/e-court/cases/:id', view: eCourtCaseView },
];

export async function startApp(root: HTMLElement): Promise<void> {
  document.documentElement.lang = getLocale();
  let shell: Shell | null = null;
  let shellKey = '';
  let firstRender = true;

  const ensureShell = (): Shell => {
    const user = getUser();
    const key = `${user?.id ?? ''}|${getLocale()}`;
    if (!shell || key !== shellKey) {
      shell = createShell(user, { onToggleLocale: toggleLocale, onLogout: (button) => void logout(button) });
      shellKey = key;
      root.replaceChildren(shell.root);
      mountNotices(shell.notices);
    }
    return shell;
  };

  const router: Router<AppRoute> = new Router(routes, async (match: Match<AppRoute> | null, signal: AbortSignal) => {
    const path = currentPath();
    if (match?.route.redirect) return router.navigate(match.route.redirect, { replace: true });
    const user = getUser();
    if (match && !match.route.public && !user) {
      return router.navigate(`/login?next=${encodeURIComponent(path)}`, { replace: true });
    }
    if (match?.route.path === '/login' && user) return router.navigate('/tasks', { replace: true });

    const s = ensureShell();
    if (!firstRender) onNavigate();
    s.setActive(path);
    const ctx: ViewContext = {
      params: match?.params ?? {},
      query: match?.query ?? new URLSearchParams(),
      outlet: s.outlet,
      signal,
      navigate: (to, options) => router.navigate(to, options),
      setTitle: (title) => {
        document.title = `${title} | ${t('app.title')}`;
      },
      signedIn: (signedInUser, next) => {
        setUser(signedInUser);
        router.navigate(next.startsWith('/') && !next.startsWith('/login') ? next : '/tasks', { replace: true });
      },
    };
    const view = match?.route.view ?? notFoundView;
    const wasFirst = firstRender;
    firstRender = false;
    const rendering = view(ctx);
    // Move focus to the new page's heading (so screen readers announce it) unless the view focused a field.
    if (!wasFirst) focusHeading(s);
    await rendering;
    if (!wasFirst && !signal.aborted) focusHeading(s);
  });

  function focusHeading(s: Shell): void {
    const active = document.activeElement;
    if (active && active !== document.body && s.outlet.contains(active)) return;
    s.outlet.querySelector<HTMLElement>('h1')?.focus();
  }

  function toggleLocale(): void {
    setLocale(getLocale() === 'ko' ? 'en' : 'ko');
  }

  async function logout(button: HTMLButtonElement): Promise<void> {
    await withBusy(button, async () => {
      try {
        await api.auth.logout();
      } catch (err) {
        notify(errorMessage(err), 'error');
        return;
      }
      setUser(null);
      notify(t('auth.loggedOut'), 'info', { keep: true });
      router.navigate('/login');
    });
  }

  onLocaleChange(() => {
    ensureShell();
    router.refresh();
  });

  setUnauthorizedHandler(() => {
    if (!getUser()) return;
    setUser(null);
    notify(t('auth.sessionExpired'), 'error', { keep: true });
    router.navigate(`/login?next=${encodeURIComponent(currentPath())}`, { replace: true });
  });

  // Find out whether the session cookie is still valid before showing anything that needs it.
  root.replaceChildren(h('div', { class: 'boot' }, loadingBlock()));
  for (;;) {
    try {
      setUser(await api.auth.me());
      break;
    } catch (err) {
      const retry = new Promise<void>((resolve) => {
        root.replaceChildren(h('div', { class: 'boot' }, errorBlock(errorMessage(err), resolve)));
      });
      await retry;
      root.replaceChildren(h('div', { class: 'boot' }, loadingBlock()));
    }
  }
  router.start();
}
