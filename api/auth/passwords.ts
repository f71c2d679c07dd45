/** argon2id password hashes (OWASP's first choice); parameters are kept in the PHC string of each hash. */
import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults to argon2id; these are OWASP's minimum cost parameters.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verifying against this when a username is unknown keeps response times from telling which usernames exist. */
export const decoyHash = hashPassword('decoy-password-for-unknown-users');
