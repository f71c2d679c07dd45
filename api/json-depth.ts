/**
 * A nesting limit for JSON request bodies, checked on the raw bytes before JSON.parse builds anything: a body of
 * 10,000 nested arrays is 20 KB, well within the size limit, yet deep enough to exhaust the stack of whatever walks it
 * next (validation, JSON columns in PostgreSQL, Temporal's payload converter). The same limit as for XML uploads.
 */
import { AppError } from '../shared/app-error';

export const MAX_JSON_DEPTH = 64;

/** For express.json's `verify` option: throws before parsing when the body nests deeper than the limit. */
export function assertShallowJson(_req: unknown, _res: unknown, body: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < body.length; index++) {
    const byte = body[index];
    if (inString) {
      if (byte === 0x5c)
        index++; // a backslash escapes the next character, a quote included
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) {
        throw new AppError('BAD_REQUEST', `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`);
      }
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
}
