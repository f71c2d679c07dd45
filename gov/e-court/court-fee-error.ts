/**
 * The fee calculator's one error: input it cannot price, with the parameter at fault. Plain Error (no Node, no
 * Temporal): the API answers it 400 naming the parameter; a process wraps it in a non-retryable ApplicationFailure.
 */
export class CourtFeeError extends Error {
  constructor(
    /** claimAmount, level, electronic, parties, track or filedOn. */
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`);
    this.name = 'CourtFeeError';
  }
}
