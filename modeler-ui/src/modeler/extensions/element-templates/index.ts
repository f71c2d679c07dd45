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
import documentDecideResend from './document-decide-resend.json';
import documentDispatch from './document-dispatch.json';
import documentDistribute from './document-distribute.json';
import documentLogRead from './document-log-read.json';
import documentOpenReading from './document-open-reading.json';
import documentRegisterReceipt from './document-register-receipt.json';
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
  'document.dispatch': documentDispatch,
  'document.decide-resend': documentDecideResend,
  'document.register-receipt': documentRegisterReceipt,
  'document.distribute': documentDistribute,
  'document.open-reading': documentOpenReading,
  'document.log-read': documentLogRead,
};

export const elementTemplates: ElementTemplate[] = Object.values(templatesByJobType);
