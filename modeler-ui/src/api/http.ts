/**
 * The one place that talks HTTP. Same-origin cookie session (`bps_session`), JSON in and out, and every
 * failure turned into an `ApiError` carrying the server's `{code, message, elementId?, fields?}`.
 */
import type { ApiErrorBody, ApiIssue } from './types';

export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  readonly code: string;
  readonly elementId: string | undefined;
  /** The refused fields' messages by key. */
  readonly fields: Record<string, string> | undefined;
  /** Every problem the server found (e.g. each invalid BPMN element of a refused deployment). */
  readonly issues: ApiIssue[];
  /** Seconds until a refused login may be tried again (429 TOO_MANY_ATTEMPTS). */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.elementId = body.elementId;
    this.fields = body.fields && Object.fromEntries(body.fields.map(({ key, message }) => [key, message]));
    this.issues = body.issues ?? [];
    this.retryAfterSeconds = body.retryAfterSeconds;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | null = null;

/** Called when any request except the login itself answers 401 (the session ended). */
export function setUnauthorizedHandler(fn: UnauthorizedHandler | null): void {
  onUnauthorized = fn;
}

export interface RequestOptions {
  /** JSON-encoded, except FormData (multipart) which is sent as it is. */
  body?: unknown;
  /** Keep sending after the page is gone (a draft saved on page hide). */
  keepalive?: boolean;
  signal?: AbortSignal;
  /** Do not call the unauthorized handler on 401 (login, session probe). */
  allowUnauthorized?: boolean;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const text = await send(method, path, options, 'application/json');
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined as T;
  }
}

/** A GET answered with text (BPMN XML), failing like `request`. */
export function requestText(path: string, options: RequestOptions = {}): Promise<string> {
  return send('GET', path, options, 'application/xml, text/plain');
}

async function send(method: string, path: string, options: RequestOptions, accept: string): Promise<string> {
  const headers: Record<string, string> = { Accept: accept };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.keepalive) init.keepalive = true;
  if (options.body instanceof FormData) {
    init.body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(0, { code: 'NETWORK', message: err instanceof Error ? err.message : String(err) });
  }

  if (response.status === 204) return '';

  const text = await response.text();
  if (response.ok) return text;
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }

  if (response.status === 401 && !options.allowUnauthorized) onUnauthorized?.();
  const body: ApiErrorBody = isErrorBody(payload)
    ? payload
    : { code: `HTTP_${response.status}`, message: response.statusText || `HTTP ${response.status}` };
  throw new ApiError(response.status, body);
}
