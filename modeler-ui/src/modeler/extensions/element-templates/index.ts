/**
 * Camunda 8 element templates for the job types the engine's own worker serves, one JSON file per job type. The
 * record is typed by the job-type list, so a built-in job type without a template does not compile.
 */
import type { BuiltinJobType } from '../../../../../shared/job-types';
import approvalRecordStep from './approval-record-step.json';
import approvalReply from './approval-reply.json';
import approvalStartRound from './approval-start-round.json';
import approvalSubmit from './approval-submit.json';
import classifiedDraft from './classified-draft.json';
import classifiedRegisterCopies from './classified-register-copies.json';
import classifiedDispatch from './classified-dispatch.json';
import classifiedLogReceipt from './classified-log-receipt.json';
import classifiedHandOver from './classified-hand-over.json';
import classifiedEscalateHandover from './classified-escalate-handover.json';
import classifiedSign from './classified-sign.json';
import petitionObjectionDecide from './petition-objection-decide.json';
import petitionObjectionExtend from './petition-objection-extend.json';
import petitionObjectionRegister from './petition-objection-register.json';
import sendEmail from './send-email.json';

/** The part of a template the registry and its tests read; the JSON schema has the rest. */
export interface ElementTemplate {
  id: string;
  name: string;
  properties: Array<{ type: string; value?: string; binding: { type: string; property?: string; name?: string } }>;
}

export const templatesByJobType: Record<BuiltinJobType, ElementTemplate> = {
  'send-email': sendEmail,
  'approval.record-step': approvalRecordStep,
  'approval.start-round': approvalStartRound,
  'approval.submit': approvalSubmit,
  'approval.reply': approvalReply,
  'classified.draft': classifiedDraft,
  'classified.register-copies': classifiedRegisterCopies,
  'classified.dispatch': classifiedDispatch,
  'classified.log-receipt': classifiedLogReceipt,
  'classified.hand-over': classifiedHandOver,
  'classified.escalate-handover': classifiedEscalateHandover,
  'classified.sign': classifiedSign,
  'petition-objection.register': petitionObjectionRegister,
  'petition-objection.extend': petitionObjectionExtend,
  'petition-objection.decide': petitionObjectionDecide,
};

export const elementTemplates: ElementTemplate[] = Object.values(templatesByJobType);
