/** gov/petitions/extension.ts: how a petition's period is counted and lengthened (처리기간 연장). */
import { countedPeriod, extendedPeriod, extensionRefusal } from '../../gov/petitions/extension';

describe('the period a petition is counted with', () => {
  it('counts 즉시 as 3 working hours and keeps every other limit', () => {
    expect(countedPeriod({ unit: 'immediately' })).toEqual({ amount: 3, unit: 'hours' });
    expect(countedPeriod({ unit: 'days', amount: 7 })).toEqual({ amount: 7, unit: 'days' });
  });
});

describe('an extension', () => {
  const sevenDays = { amount: 7, unit: 'days' } as const;

  it('is granted once by at most the original length, without consent', () => {
    expect(extensionRefusal(sevenDays, { amount: 7, extensionsSoFar: 0, petitionerConsent: false })).toBeUndefined();
    expect(extensionRefusal(sevenDays, { amount: 8, extensionsSoFar: 0, petitionerConsent: false })).toBe('too-long');
    expect(extensionRefusal(sevenDays, { amount: 0, extensionsSoFar: 0, petitionerConsent: false })).toBe('too-long');
  });

  it('is granted a second time only with the petitioner consenting, and never a third time', () => {
    expect(extensionRefusal(sevenDays, { amount: 3, extensionsSoFar: 1, petitionerConsent: false })).toBe(
      'consent-needed',
    );
    expect(extensionRefusal(sevenDays, { amount: 3, extensionsSoFar: 1, petitionerConsent: true })).toBeUndefined();
    expect(extensionRefusal(sevenDays, { amount: 1, extensionsSoFar: 2, petitionerConsent: true })).toBe('none-left');
  });

  it('adds to the period in its own unit', () => {
    expect(extendedPeriod(sevenDays, sevenDays, 7)).toEqual({ amount: 14, unit: 'days' });
    expect(extendedPeriod(sevenDays, { amount: 14, unit: 'days' }, 3)).toEqual({ amount: 17, unit: 'days' });
    expect(extendedPeriod({ amount: 3, unit: 'hours' }, { amount: 3, unit: 'hours' }, 2)).toEqual({
      amount: 5,
      unit: 'hours',
    });
  });

  it('keeps a period of 5 days or less counted in working hours, 8 to a day', () => {
    const threeDays = { amount: 3, unit: 'days' } as const;
    expect(extendedPeriod(threeDays, threeDays, 3)).toEqual({ amount: 48, unit: 'hours' });
    expect(extendedPeriod(threeDays, { amount: 48, unit: 'hours' }, 1)).toEqual({ amount: 56, unit: 'hours' });
  });
});
