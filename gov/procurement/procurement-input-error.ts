/**
 * Input the procurement rules cannot use. Plain Error (no Node, no Temporal): the API answers it with a 400 naming
 * `parameter`, and a process will wrap it in a non-retryable ApplicationFailure.
 */
export class ProcurementInputError extends Error {
  constructor(
    /** The input at fault: kind, estimatedPrice, bidDeadline, siteBriefingDate, preliminaryPrices, picks... */
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`);
    this.name = 'ProcurementInputError';
  }
}
