/** The case mark and number of a docketed case, and the court's periods after filing (docs/e-court.md). */
import {
  answerDueAt,
  caseMarkFor,
  caseNumber,
  deemedServedAt,
  judgmentInstant,
  PANEL_CLAIM_THRESHOLD,
} from '../../gov/e-court';

describe('case marks and numbers', () => {
  it('marks a small claim 가소, a civil claim up to 5억 won 가단 and one above it 가합', () => {
    expect(caseMarkFor('small-claims', 30_000_000)).toBe('가소');
    expect(caseMarkFor('civil', 12_345_678)).toBe('가단');
    expect(caseMarkFor('civil', PANEL_CLAIM_THRESHOLD)).toBe('가단');
    expect(caseMarkFor('civil', PANEL_CLAIM_THRESHOLD + 1)).toBe('가합');
  });

  it('writes the year, the mark and the serial without separators', () => {
    expect(caseNumber(2027, '가단', 1234)).toBe('2027가단1234');
    expect(caseNumber(2027, '가소', 7)).toBe('2027가소7');
  });
});

describe('periods after filing, in calendar time from the instant', () => {
  const noticedAt = new Date('2027-02-26T15:30:00+09:00');

  it('deems service 7 days after the notice, across a month end and a weekend', () => {
    expect(deemedServedAt(noticedAt).toISOString()).toBe(new Date('2027-03-05T15:30:00+09:00').toISOString());
  });

  it('makes the answer due 30 days after service', () => {
    expect(answerDueAt(noticedAt).toISOString()).toBe(new Date('2027-03-28T15:30:00+09:00').toISOString());
  });

  it('pronounces a judgment without hearing at 14:00 in Korea on the day set, and refuses what is no date', () => {
    expect(judgmentInstant('2027-03-25')?.toISOString()).toBe('2027-03-25T05:00:00.000Z');
    expect(judgmentInstant('2027-02-30')).toBeUndefined();
    expect(judgmentInstant('next Tuesday')).toBeUndefined();
  });
});
