/** The reading record's signature: every field is signed, so an edited row no longer verifies. */
import { readingSignatureValid, signReading, type ReadingEntry } from '../../engine/classified/reading-record';

const KEY = 'unit-test-reading-record-key-0123456789';
const entry: ReadingEntry = {
  instanceId: '7f0c2b8e-8d0e-4c55-9a51-3f6f0b9d2a11',
  itemType: 'instance',
  itemId: '7f0c2b8e-8d0e-4c55-9a51-3f6f0b9d2a11',
  grade: 'GRADE_II',
  readerId: '0b6c0f55-2f7e-4a4b-8f0c-4d5f8c7e9a22',
  reader: 'lead1',
  sourceAddress: '10.0.0.7',
  readAt: new Date('2026-12-07T01:02:03.004Z'),
};

describe('reading record signatures', () => {
  it('verifies the entry it signed, with its key only', () => {
    const signature = signReading(KEY, entry);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(readingSignatureValid(KEY, { ...entry, signature })).toBe(true);
    expect(readingSignatureValid(`${KEY}x`, { ...entry, signature })).toBe(false);
  });

  it.each<[string, Partial<ReadingEntry>]>([
    ['reader', { reader: 'clerk1' }],
    ['time', { readAt: new Date('2026-12-07T01:02:03.005Z') }],
    ['source address', { sourceAddress: null }],
    ['grade', { grade: 'GRADE_III' }],
    ['item', { itemType: 'task' }],
  ])('fails once the %s is edited', (_field, change) => {
    const signature = signReading(KEY, entry);
    expect(readingSignatureValid(KEY, { ...entry, ...change, signature })).toBe(false);
  });

  it('refuses a signature that is no hex digest', () => {
    expect(readingSignatureValid(KEY, { ...entry, signature: 'not-a-signature' })).toBe(false);
  });
});
