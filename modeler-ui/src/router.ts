/**
 * A tiny hash router: `#/tasks/42?tab=x` → route `/tasks/:id` with params {id: '42'} and a query.
 * Each navigation gets an AbortSignal that is aborted when the user navigates away, so a slow response
 * never renders into a page that is no longer shown.
 */

export interface Match<R> {
  route: R;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface RouteDef {
  path: string;
}

interface Compiled<R> {
  route: R;
  regex: RegExp;
  names: string[];
}

function compile<R extends RouteDef>(route: R): Compiled<R> {
  const names: string[] = [];
  const pattern = route.path
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) {
        names.push(part.slice(1));
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { route, regex: new RegExp(`^${pattern}/?$`), names };
}

/** The current location as an app path, e.g. `/tasks/42?x=1`. */
export function currentPath(): string {
  const raw = window.location.hash.replace(/^#/, '');
  return raw.startsWith('/') ? raw : '/';
}

export function href(path: string): string {
  return `#${path}`;
}

export class Router<R extends RouteDef> {
  private readonly compiled: Compiled<R>[];
  private controller: AbortController | null = null;
  private readonly onHashChange = (): void => void this.resolve();

  constructor(
    routes: R[],
    private readonly render: (match: Match<R> | null, signal: AbortSignal) => Promise<void> | void,
  ) {
    this.compiled = routes.map(compile);
  }

  start(): void {
    window.addEventListener('hashchange', this.onHashChange);
    void this.resolve();
  }

  stop(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    this.controller?.abort();
  }

  /** Navigates to an app path. `replace` keeps the current entry out of history (redirects). */
  navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
    const target = href(path);
    if (window.location.hash === target) {
      void this.resolve();
    } else if (replace) {
      window.history.replaceState(window.history.state, '', target);
      void this.resolve();
    } else {
      window.location.hash = target; // triggers hashchange → resolve
    }
  }

  /** Renders the current location again (after a language switch, for example). */
  refresh(): void {
    void this.resolve();
  }

  match(fullPath: string): Match<R> | null {
    const [pathPart = '/', queryPart = ''] = fullPath.split('?', 2);
    for (const c of this.compiled) {
      const m = c.regex.exec(pathPart);
      if (!m) continue;
      const params: Record<string, string> = {};
      c.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { route: c.route, path: fullPath, params, query: new URLSearchParams(queryPart) };
    }
    return null;
  }

  private async resolve(): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    await this.render(this.match(currentPath()), controller.signal);
  }
}
