/**
 * Sealing (봉인) of what must stay unread until a bidding's opening: each bid's price, bond and picks, and the 15
 * preliminary prices. AES-256-GCM with a fresh IV, the row's id as associated data (a ciphertext moved to another row
 * does not open), and a SHA-256 commitment over the plain fields and a random nonce, published at once: after the
 * opening anyone recomputes it from the revealed fields and sees that nothing changed (docs/procurement.md).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

/** `iv.tag.ciphertext`, each base64: the stored form of a sealed value. */
export function seal(key: Buffer, boundTo: string, value: unknown): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64')).join('.');
}

/** Opens a sealed value; throws when the key, the row or the ciphertext is not the one it was sealed with. */
export function unseal<T>(key: Buffer, boundTo: string, sealed: string): T {
  const [iv, tag, ciphertext] = sealed.split('.').map((part) => Buffer.from(part, 'base64'));
  if (!iv || !tag || !ciphertext) throw new Error('A sealed value must be iv.tag.ciphertext.');
  const decipher = createDecipheriv(ALGORITHM, key, iv);
  decipher.setAAD(Buffer.from(boundTo, 'utf8'));
  decipher.setAuthTag(tag);
  return JSON.parse(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8')) as T;
}

/** A random nonce for a commitment, so that a small price cannot be found by trying every amount. */
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/** SHA-256 (hex) of the fields joined by '|': the same text the README tells a bidder to hash. */
export function commitment(fields: ReadonlyArray<string | number>): string {
  return createHash('sha256').update(fields.join('|'), 'utf8').digest('hex');
}
