/**
 * Two dictionaries (Korean default, English), a `t()` with `{name}` placeholders, and a change event so
 * the shell can re-render. The choice is remembered in localStorage.
 */
import { en } from './en';
import { ko, type MessageKey } from './ko';

export type { MessageKey } from './ko';
export type Locale = 'ko' | 'en';

const dictionaries: Record<Locale, Record<MessageKey, string>> = { ko, en };
const STORAGE_KEY = 'bps.locale';
const listeners = new Set<(locale: Locale) => void>();

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'ko' || stored === 'en') return stored;
  } catch {
    // storage may be disabled; fall through to the default
  }
  return 'ko';
}

let current: Locale = initialLocale();

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not fatal: the choice just is not remembered
  }
  document.documentElement.lang = locale;
  for (const fn of listeners) fn(locale);
}

export function onLocaleChange(fn: (locale: Locale) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = dictionaries[current][key] ?? ko[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : match,
  );
}
