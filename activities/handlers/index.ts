/** The built-in job handlers, one per job type in shared/job-types.ts (a missing one fails to compile). */
import type { BuiltinJobType } from '../../shared/job-types';
import { replyApprovalDecision, submitApprovalRequest } from './approval-requests';
import { recordApprovalStep, startApprovalRound } from './approval-steps';
import {
  classifiedDispatch,
  classifiedDraft,
  classifiedEscalateHandover,
  classifiedHandOver,
  classifiedLogReceipt,
  classifiedRegisterCopies,
  classifiedSign,
} from './classified';
import { decidePetitionObjection, extendPetitionObjection, registerPetitionObjection } from './petition-objections';
import { sendEmail } from './send-email';
import type { JobHandler } from './types';

export const jobHandlers: Record<BuiltinJobType, JobHandler> = {
  'send-email': sendEmail,
  'approval.record-step': recordApprovalStep,
  'approval.start-round': startApprovalRound,
  'approval.submit': submitApprovalRequest,
  'approval.reply': replyApprovalDecision,
  'classified.draft': classifiedDraft,
  'classified.register-copies': classifiedRegisterCopies,
  'classified.dispatch': classifiedDispatch,
  'classified.log-receipt': classifiedLogReceipt,
  'classified.hand-over': classifiedHandOver,
  'classified.escalate-handover': classifiedEscalateHandover,
  'classified.sign': classifiedSign,
  'petition-objection.register': registerPetitionObjection,
  'petition-objection.extend': extendPetitionObjection,
  'petition-objection.decide': decidePetitionObjection,
};
