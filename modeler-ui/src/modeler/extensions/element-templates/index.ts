/**
 * Camunda 8 element templates for the job types the engine's own worker serves, one JSON file per job type. The
 * record is typed by the job-type list, so a built-in job type without a template does not compile.
 */
import type { BuiltinJobType } from '../../../../../shared/job-types';
import approvalRecordStep from './approval-record-step.json';
import approvalReply from './approval-reply.json';
import approvalStartRound from './approval-start-round.json';
import approvalSubmit from './approval-submit.json';
import petitionDecide from './petition-decide.json';
import petitionDraftAnswer from './petition-draft-answer.json';
import petitionExtend from './petition-extend.json';
import petitionNotify from './petition-notify.json';
import petitionReceive from './petition-receive.json';
import petitionTrack from './petition-track.json';
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
  'petition.receive': petitionReceive,
  'petition.track': petitionTrack,
  'petition.extend': petitionExtend,
  'petition.draft-answer': petitionDraftAnswer,
  'petition.decide': petitionDecide,
  'petition.notify': petitionNotify,
};

export const elementTemplates: ElementTemplate[] = Object.values(templatesByJobType);
