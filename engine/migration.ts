/** Moving a running instance to another version of its process. Not available on this branch yet. */
import { AppError } from '../shared/app-error';
import type { Caller } from '../api/auth/ability';
import type { EngineDeps } from './deps';

export interface MigrateInstanceInput {
  instanceId: string;
  targetDefinitionId: string;
  /** Element ids of the running version → element ids of the target. */
  mapping: Record<string, string>;
}

export function migrateInstance(
  _deps: EngineDeps,
  _caller: Caller | undefined,
  input: MigrateInstanceInput,
): Promise<void> {
  return Promise.reject(new AppError('CONFLICT', `migration is not available (instance ${input.instanceId})`));
}
