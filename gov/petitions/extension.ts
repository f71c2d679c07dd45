/**
 * The period a petition is counted with, and how an extension (처리기간 연장) lengthens it: once by at most the
 * original length, a second time only with the petitioner's consent (docs/civil-petition.md). Pure.
 */
import type { Period, PeriodUnit } from '../calendar';

/** A period with an amount: what `legal deadline(...)` is given in the civil-petition model. */
export interface CountedPeriod {
  amount: number;
  unit: PeriodUnit;
}

/** 즉시 is 3 working hours (시행령 §19①), so it is counted as such and can be extended like any hour period. */
export const IMMEDIATE_HOURS = 3;
/** Periods of 5 days or less are counted in working hours, 8 to a day (시행령 §19①). */
const MAX_DAYS_IN_HOURS = 5;
const HOURS_PER_DAY = 8;

export function countedPeriod(limit: Period): CountedPeriod {
  return limit.unit === 'immediately' ? { amount: IMMEDIATE_HOURS, unit: 'hours' } : limit;
}

export type ExtensionRefusal = 'too-long' | 'consent-needed' | 'none-left';

/** Why this extension may not be granted, or undefined when it may (the third is never granted). */
export function extensionRefusal(
  limit: CountedPeriod,
  request: { amount: number; extensionsSoFar: number; petitionerConsent: boolean },
): ExtensionRefusal | undefined {
  if (request.extensionsSoFar >= 2) return 'none-left';
  if (request.extensionsSoFar === 1 && !request.petitionerConsent) return 'consent-needed';
  if (!Number.isInteger(request.amount) || request.amount < 1 || request.amount > limit.amount) return 'too-long';
  return undefined;
}

/**
 * The period after adding `amount` of the original unit. A period counted in working hours stays counted in working
 * hours (a 3-day period extended by 3 days is 48 working hours, not 6 days counted by the day): the extension
 * lengthens the count, it does not change how it is counted (an assumption to check, docs/civil-petition.md).
 */
export function extendedPeriod(limit: CountedPeriod, current: CountedPeriod, amount: number): CountedPeriod {
  const added: CountedPeriod =
    limit.unit === 'days' && limit.amount <= MAX_DAYS_IN_HOURS
      ? { amount: amount * HOURS_PER_DAY, unit: 'hours' }
      : { amount, unit: limit.unit };
  const base: CountedPeriod =
    current.unit === added.unit ? current : { amount: current.amount * HOURS_PER_DAY, unit: 'hours' };
  return { amount: base.amount + added.amount, unit: added.unit };
}
