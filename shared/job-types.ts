/**
 * Service-task job types served by this engine's own worker (zeebe:taskDefinition type). Any other type is sent
 * to a Temporal task queue of that name for an external worker. The handler registry in activities/ is typed by
 * this list, so a built-in type without a handler fails to compile.
 */
export const BUILTIN_JOB_TYPES = [
  'send-email',
  'approval.record-step',
  'approval.start-round',
  'approval.submit',
  'approval.reply',
  // The civil-petition process (activities/handlers/petitions.ts).
  'petition.receive',
  'petition.track',
  'petition.extend',
  'petition.draft-answer',
  'petition.decide',
  'petition.notify',
] as const;

export type BuiltinJobType = (typeof BUILTIN_JOB_TYPES)[number];

export function isBuiltinJobType(type: string): type is BuiltinJobType {
  return (BUILTIN_JOB_TYPES as readonly string[]).includes(type);
}
