/**
 * Sealing bids (engine/procurement/sealing.ts): a sealed value opens only with its key and on its own row, any change
 * to the ciphertext is caught, and nothing of the plain value shows in the stored text.
 */
import { randomBytes } from 'node:crypto';
import { commitment, seal, unseal } from '../../../engine/procurement/sealing';

const key = randomBytes(32);
const bid = { price: 1_850_000_000, bond: 92_500_000, picks: [1, 3], nonce: 'n' };

describe('seal and unseal', () => {
  it('opens what it sealed, and the stored text shows none of it', () => {
    const sealed = seal(key, 'bid-1', bid);
    expect(sealed).not.toContain('1850000000');
    expect(unseal(key, 'bid-1', sealed)).toEqual(bid);
  });

  it('refuses another key, another row and a changed ciphertext', () => {
    const sealed = seal(key, 'bid-1', bid);
    expect(() => unseal(randomBytes(32), 'bid-1', sealed)).toThrow();
    expect(() => unseal(key, 'bid-2', sealed)).toThrow();
    const [iv, tag, text] = sealed.split('.') as [string, string, string];
    const flipped = Buffer.from(text, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => unseal(key, 'bid-1', [iv, tag, flipped.toString('base64')].join('.'))).toThrow();
  });

  it('seals the same value differently each time (a fresh IV)', () => {
    expect(seal(key, 'bid-1', bid)).not.toBe(seal(key, 'bid-1', bid));
  });
});

describe('commitment', () => {
  it('is the SHA-256 (hex) of the fields joined by |, as anyone can recompute it', () => {
    expect(commitment(['a', 1, 'b'])).toBe('a1bdd42948a58a8bf1dec4d724b40905f64fa23385d0ac9d4197c9315810e9de');
  });
});
