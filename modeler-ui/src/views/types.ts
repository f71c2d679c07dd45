import type { User } from '../api';

/** What the app gives a view when the router shows it. */
export interface ViewContext {
  params: Record<string, string>;
  query: URLSearchParams;
  /** The page content area inside `<main>`; the view owns its children. */
  outlet: HTMLElement;
  /** Aborted when the user navigates away; pass it to requests and stop rendering when aborted. */
  signal: AbortSignal;
  navigate(path: string, options?: { replace?: boolean }): void;
  /** Sets the document title (the app name is appended). */
  setTitle(title: string): void;
  /** Called by the login view once the session exists. */
  signedIn(user: User, next: string): void;
}

export type View = (ctx: ViewContext) => void | Promise<void>;
