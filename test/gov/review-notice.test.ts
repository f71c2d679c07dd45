/** The 예고문's written actions (docs/classified.md). */
import { parseReviewAction, reviewNoticeRefusal } from '../../gov/review-notice';

describe('parseReviewAction', () => {
  it('reads the three forms', () => {
    expect(parseReviewAction('declassify')).toEqual({ action: 'DECLASSIFY' });
    expect(parseReviewAction('destroy')).toEqual({ action: 'DESTROY' });
    expect(parseReviewAction('regrade:RESTRICTED')).toEqual({ action: 'REGRADE', grade: 'RESTRICTED' });
  });

  it.each(['regrade:', 'regrade:GRADE_IV', 'Destroy', 'regrade:grade_iii', ''])('refuses %j', (text) => {
    expect(parseReviewAction(text)).toBeNull();
  });
});

describe('reviewNoticeRefusal', () => {
  it('accepts a re-grade to a lower grade only', () => {
    expect(reviewNoticeRefusal('GRADE_II', { action: 'REGRADE', grade: 'GRADE_III' })).toBeNull();
    expect(reviewNoticeRefusal('GRADE_II', { action: 'REGRADE', grade: 'GRADE_II' })).toMatch(/lower grade/);
    expect(reviewNoticeRefusal('GRADE_III', { action: 'REGRADE', grade: 'GRADE_I' })).toMatch(/lower grade/);
    expect(reviewNoticeRefusal('GRADE_I', { action: 'DESTROY' })).toBeNull();
  });
});
