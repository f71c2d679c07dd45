/** Retention counted from 1 January after completion, registration years in Korea, disclosure grounds. */
import { disclosureProblem, registrationNumber, registrationYear, retentionEndsOn } from '../../gov/records';

describe('retention', () => {
  it('keeps a document completed on 2026-03-05 for 5 years through 2031-12-31', () => {
    expect(retentionEndsOn('YEARS_5', new Date('2026-03-05T10:00:00+09:00'))).toBe('2031-12-31');
  });

  it.each([
    ['YEARS_1', '2027-12-31'],
    ['YEARS_3', '2029-12-31'],
    ['YEARS_10', '2036-12-31'],
    ['YEARS_30', '2056-12-31'],
  ] as const)('counts %s from the next 1 January, whatever the day of completion', (retention, endsOn) => {
    expect(retentionEndsOn(retention, new Date('2026-01-01T09:00:00+09:00'))).toBe(endsOn);
    expect(retentionEndsOn(retention, new Date('2026-12-31T23:59:00+09:00'))).toBe(endsOn);
  });

  it('reads completion on the Korean calendar: 31 December 16:00 UTC is already 1 January in Seoul', () => {
    expect(retentionEndsOn('YEARS_1', new Date('2026-12-31T14:59:59Z'))).toBe('2027-12-31');
    expect(retentionEndsOn('YEARS_1', new Date('2026-12-31T15:00:00Z'))).toBe('2028-12-31');
  });

  it('never ends for 영구 and 준영구', () => {
    expect(retentionEndsOn('PERMANENT', new Date('2026-03-05T10:00:00+09:00'))).toBeNull();
    expect(retentionEndsOn('SEMI_PERMANENT', new Date('2026-03-05T10:00:00+09:00'))).toBeNull();
  });
});

describe('registration', () => {
  it('counts a registration in the Korean year it is given', () => {
    expect(registrationYear(new Date('2026-12-31T14:59:59Z'))).toBe(2026);
    expect(registrationYear(new Date('2026-12-31T15:00:00Z'))).toBe(2027);
  });

  it('shows the unit code and the serial', () => {
    expect(registrationNumber('civil-affairs', 12)).toBe('civil-affairs-12');
  });
});

describe('disclosure', () => {
  it('accepts a public document without grounds and a withheld one with items of §9①', () => {
    expect(disclosureProblem('PUBLIC', [])).toBeNull();
    expect(disclosureProblem('PARTIAL', [6])).toBeNull();
    expect(disclosureProblem('NON_PUBLIC', [1, 8])).toBeNull();
  });

  it.each([
    ['PUBLIC', [6], /names no ground/],
    ['PARTIAL', [], /partly withheld document names the items/],
    ['NON_PUBLIC', [], /wholly withheld document names the items/],
    ['NON_PUBLIC', [0], /0 is no item/],
    ['NON_PUBLIC', [9], /9 is no item/],
    ['PARTIAL', [2.5], /2.5 is no item/],
    ['PARTIAL', [3, 3], /each item is named once/],
  ] as const)('refuses %s with %j', (disclosure, grounds, problem) => {
    expect(disclosureProblem(disclosure, grounds)).toMatch(problem);
  });
});
