/** Identifiers derived from names, for writes that must be idempotent across retries. */
import { createHash } from 'node:crypto';

/**
 * A UUID (RFC 9562 version 8, name-based) from the SHA-256 of a name: the same name always gives the same id, so a
 * retried start of "the instance for firing X" finds the instance the first attempt made.
 */
export function nameBasedUuid(name: string): string {
  const bytes = createHash('sha256').update(`onnara-bps:${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
