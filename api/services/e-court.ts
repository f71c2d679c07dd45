/**
 * E-court fees for the API: the filing date defaults to today in Korea, and the calculator's refusals become a 400
 * naming the parameter. Any signed-in user may ask (the route sits behind requireLogin); no per-user data is read.
 */
import { z } from 'zod';
import { kstDate, type LocalDate } from '../../gov/calendar/local-date';
import { computeCourtFees, CourtFeeError, type CourtFeeRequest, type CourtFees } from '../../gov/e-court';
import { AppError } from '../../shared/app-error';

/** The fees with the steps of their computation, each citing its article, and the same as sentences. */
export const courtFeesAnswer = z.object({
  stampFee: z.number().int(),
  serviceFee: z.number().int(),
  explanation: z.object({
    steps: z.array(
      z.object({
        fee: z.enum(['stampFee', 'serviceFee']),
        article: z.string(),
        amount: z.number().describe('In won; the first step may have decimals'),
        text: z.string(),
      }),
    ),
    text: z.array(z.string()),
  }),
});

export type CourtFeeQuery = Omit<CourtFeeRequest, 'filedOn'> & { filedOn?: LocalDate };

export function courtFees(query: CourtFeeQuery, now: number): CourtFees & z.input<typeof courtFeesAnswer> {
  try {
    return computeCourtFees({ ...query, filedOn: query.filedOn ?? kstDate(now) });
  } catch (error) {
    if (error instanceof CourtFeeError) throw new AppError('VALIDATION_FAILED', `Invalid query: ${error.message}`);
    throw error;
  }
}
