/** The delegation table must give every amount of a type it names exactly one final authority. */
import { delegationTableProblems, type DelegationRange } from '../../gov/delegation-table';

const range = (minAmount: bigint, maxAmount: bigint | null, positionCode = 'division-head'): DelegationRange => ({
  documentType: 'spending',
  minAmount,
  maxAmount,
  positionCode,
});

describe('checking a delegation table', () => {
  it('accepts contiguous ranges from 0 to no upper bound, in any order', () => {
    expect(
      delegationTableProblems([range(10n, null, 'agency-head'), range(0n, 5n), range(5n, 10n, 'bureau-director')]),
    ).toEqual([]);
  });

  it('names a gap between two ranges', () => {
    expect(delegationTableProblems([range(0n, 5n), range(7n, null)])).toEqual([
      'spending: amounts from 5 to 7 have no final authority.',
    ]);
  });

  it('names amounts above the last bounded range', () => {
    expect(delegationTableProblems([range(0n, 5n)])).toEqual(['spending: amounts from 5 up have no final authority.']);
  });

  it('names overlapping ranges', () => {
    expect(delegationTableProblems([range(0n, 10n), range(5n, null)])).toEqual([
      'spending: the range from 5 overlaps the one before it.',
    ]);
  });

  it('names a table that does not start at 0', () => {
    expect(delegationTableProblems([range(1n, null)])).toEqual([
      'spending: amounts from 0 to 1 have no final authority.',
    ]);
  });
});
