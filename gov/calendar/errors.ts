/**
 * The calculator's one error type. Plain Error (no Node, no Temporal): the API maps it to an AppError, and the
 * interpreter will wrap it in a non-retryable ApplicationFailure of the same code.
 */
export type CalendarErrorCode =
  /** A date outside the years the holiday data covers: the calculator never guesses holidays. */
  | 'OUT_OF_HORIZON'
  /** Input the calculator cannot use; `parameter` names it. */
  | 'INVALID_INPUT'
  /** A rule name the registry does not know. */
  | 'UNKNOWN_RULE';

export class CalendarError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
    /** The input at fault (receivedAt, days, hours, excluded, rule, date, year...), when there is one. */
    readonly parameter?: string,
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}
