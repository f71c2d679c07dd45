import { ApiError } from '../api';
import { t } from '../i18n';

/** A message a person can act on, from anything a request can throw. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.isNetwork) return t('error.network');
    if (err.message) return err.elementId ? `${err.message} (${err.elementId})` : err.message;
    if (err.status === 409) return t('error.conflict');
    return t('error.unexpected', { status: err.status });
  }
  return t('error.unexpected', { status: err instanceof Error ? err.message : String(err) });
}
