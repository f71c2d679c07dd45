/** The built-in job handlers, one per job type in shared/job-types.ts (a missing one fails to compile). */
import type { BuiltinJobType } from '../../shared/job-types';
import { replyApprovalDecision, submitApprovalRequest } from './approval-requests';
import { recordApprovalStep, startApprovalRound } from './approval-steps';
import {
  decidePetitionJob,
  draftPetitionAnswerJob,
  extendPetitionJob,
  notifyPetitionJob,
  receivePetitionJob,
  trackPetitionJob,
} from './petitions';
import { sendEmail } from './send-email';
import type { JobHandler } from './types';

export const jobHandlers: Record<BuiltinJobType, JobHandler> = {
  'send-email': sendEmail,
  'approval.record-step': recordApprovalStep,
  'approval.start-round': startApprovalRound,
  'approval.submit': submitApprovalRequest,
  'approval.reply': replyApprovalDecision,
  'petition.receive': receivePetitionJob,
  'petition.track': trackPetitionJob,
  'petition.extend': extendPetitionJob,
  'petition.draft-answer': draftPetitionAnswerJob,
  'petition.decide': decidePetitionJob,
  'petition.notify': notifyPetitionJob,
};
