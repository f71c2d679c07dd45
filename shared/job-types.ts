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
  'classified.draft',
  'classified.register-copies',
  'classified.dispatch',
  'classified.log-receipt',
  'classified.hand-over',
  'classified.escalate-handover',
  'classified.sign',
  // The e-court-filing process (docs/e-court.md).
  'e-court.docket',
  'e-court.order-defect-fix',
  'e-court.record-correction',
  'e-court.dismiss',
  'e-court.notify-service',
  'e-court.record-service',
  'e-court.set-judgment-date',
  'e-court.record-answer',
  'e-court.record-judgment',
  // The procurement e-bid (processes/procurement-bidding).
  'procurement.announce',
  'procurement.close-bids',
  'procurement.open-bids',
  'procurement.next-candidate',
  'procurement.record-review',
  'procurement.award',
  'procurement.record-contract',
  'procurement.forfeit',
  'procurement.fail-round',
  'procurement.record-single-source',
  'procurement.receive-objection',
  'procurement.answer-objection',
  'procurement.close-objections',
  // 이의신청 (processes/petition-objection)
  'petition-objection.register',
  'petition-objection.extend',
  'petition-objection.decide',
  // The civil-petition process (activities/handlers/petitions.ts).
  'petition.receive',
  'petition.track',
  'petition.extend',
  'petition.draft-answer',
  'petition.decide',
  'petition.notify',
  // 시행, 접수, 배부, 공람 (processes/document-approval/README.md)
  'document.dispatch',
  'document.decide-resend',
  'document.register-receipt',
  'document.distribute',
  'document.open-reading',
  'document.log-read',
] as const;

export type BuiltinJobType = (typeof BUILTIN_JOB_TYPES)[number];

export function isBuiltinJobType(type: string): type is BuiltinJobType {
  return (BUILTIN_JOB_TYPES as readonly string[]).includes(type);
}
