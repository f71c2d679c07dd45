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
import {
  decideDocumentResend,
  dispatchDocument,
  distributeDocument,
  logDocumentRead,
  openDocumentReading,
  registerDocumentReceipt,
} from './document-dispatch';
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
  'document.dispatch': dispatchDocument,
  'document.decide-resend': decideDocumentResend,
  'document.register-receipt': registerDocumentReceipt,
  'document.distribute': distributeDocument,
  'document.open-reading': openDocumentReading,
  'document.log-read': logDocumentRead,
};
