/** The built-in job handlers, one per job type in shared/job-types.ts (a missing one fails to compile). */
import type { BuiltinJobType } from '../../shared/job-types';
import { replyApprovalDecision, submitApprovalRequest } from './approval-requests';
import { recordApprovalStep, startApprovalRound } from './approval-steps';
import { decidePetitionObjection, extendPetitionObjection, registerPetitionObjection } from './petition-objections';
import { sendEmail } from './send-email';
import type { JobHandler } from './types';

export const jobHandlers: Record<BuiltinJobType, JobHandler> = {
  'send-email': sendEmail,
  'approval.record-step': recordApprovalStep,
  'approval.start-round': startApprovalRound,
  'approval.submit': submitApprovalRequest,
  'approval.reply': replyApprovalDecision,
  'petition-objection.register': registerPetitionObjection,
  'petition-objection.extend': extendPetitionObjection,
  'petition-objection.decide': decidePetitionObjection,
};
