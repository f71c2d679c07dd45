/**
 * E-court fees for the API: the filing date defaults to today in Korea, and the calculator's refusals become a 400
 * naming the parameter. Any signed-in user may ask (the route sits behind requireLogin); no per-user data is read.
 */
import { kstDate, type LocalDate } from '../../gov/calendar/local-date';
import { computeCourtFees, CourtFeeError, type CourtFeeRequest, type CourtFees } from '../../gov/e-court';
import { AppError } from '../../shared/app-error';

export type CourtFeeQuery = Omit<CourtFeeRequest, 'filedOn'> & { filedOn?: LocalDate };

export function courtFees(query: CourtFeeQuery, now: number): CourtFees {
  try {
    return computeCourtFees({ ...query, filedOn: query.filedOn ?? kstDate(now) });
  } catch (error) {
    if (error instanceof CourtFeeError) throw new AppError('VALIDATION_FAILED', `Invalid query: ${error.message}`);
    throw error;
  }
}
