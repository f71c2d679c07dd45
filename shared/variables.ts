/**
 * Process variables travel in workflow inputs, activity inputs and results, and Temporal refuses payloads over
 * 2 MB; one limit, checked by the API on what people send and by the interpreter on what elements produce.
 */
import type { Variables } from './feel';

export const VARIABLES_LIMIT_BYTES = 512 * 1024;

/** The size of the variables as JSON text, in bytes (UTF-8). */
export function variablesSize(variables: Variables): number {
  return new TextEncoder().encode(JSON.stringify(variables)).length;
}
