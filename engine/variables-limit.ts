/** The variable-size limit at the engine's entry points: refused with VARIABLES_TOO_LARGE, naming the path. */
import { AppError } from '../shared/app-error';
import type { Variables } from '../shared/feel';
import { variablesTooLarge } from '../shared/variables';

export function refuseOversizedVariables(path: string, variables: Variables | undefined): void {
  const refusal = variablesTooLarge(path, variables);
  if (refusal) throw new AppError('VARIABLES_TOO_LARGE', `Refused: ${refusal}.`);
}
