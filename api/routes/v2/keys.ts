/** Path and body fields that carry Camunda keys: int64 decimal strings (docs/camunda-api.md). */
import { z } from 'zod';
import { AppError } from '../../../shared/app-error';
import { isCamundaKey } from '../../../engine/camunda-keys';

export const camundaKey = z
  .union([z.string(), z.number().int()])
  .transform(String)
  .refine(isCamundaKey, 'must be a key: an int64 in decimal');

/** A key from the path; anything else is a bad request, as Camunda answers it. */
export function keyParam(value: string | undefined, name: string): string {
  if (value === undefined || !isCamundaKey(value)) {
    throw new AppError('VALIDATION_FAILED', `${name} must be a key: an int64 in decimal, not '${value ?? ''}'.`);
  }
  return value;
}
