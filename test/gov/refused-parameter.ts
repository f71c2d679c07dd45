import { ProcurementInputError } from '../../gov/procurement/procurement-input-error';

/** The input a procurement rule refuses, or undefined when it answers. */
export function refusedParameter(compute: () => unknown): string | undefined {
  try {
    compute();
    return undefined;
  } catch (error) {
    if (error instanceof ProcurementInputError) return error.parameter;
    throw error;
  }
}
