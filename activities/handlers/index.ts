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
  dismissCourtCase,
  docketCourtCase,
  notifyCourtService,
  orderCourtDefectFix,
  recordCourtAnswer,
  recordCourtCorrection,
  recordCourtJudgment,
  recordCourtService,
  setCourtJudgmentDate,
} from './e-court';
import {
  announceProcurement,
  answerProcurementObjection,
  awardProcurement,
  closeProcurementBids,
  closeProcurementObjections,
  failProcurementRound,
  forfeitProcurementAward,
  nextProcurementCandidate,
  openProcurementBids,
  recordProcurementContract,
  recordProcurementReview,
  recordProcurementSingleSource,
  receiveProcurementObjection,
} from './procurement';
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
  'e-court.docket': docketCourtCase,
  'e-court.order-defect-fix': orderCourtDefectFix,
  'e-court.record-correction': recordCourtCorrection,
  'e-court.dismiss': dismissCourtCase,
  'e-court.notify-service': notifyCourtService,
  'e-court.record-service': recordCourtService,
  'e-court.set-judgment-date': setCourtJudgmentDate,
  'e-court.record-answer': recordCourtAnswer,
  'e-court.record-judgment': recordCourtJudgment,
  'procurement.announce': announceProcurement,
  'procurement.close-bids': closeProcurementBids,
  'procurement.open-bids': openProcurementBids,
  'procurement.next-candidate': nextProcurementCandidate,
  'procurement.record-review': recordProcurementReview,
  'procurement.award': awardProcurement,
  'procurement.record-contract': recordProcurementContract,
  'procurement.forfeit': forfeitProcurementAward,
  'procurement.fail-round': failProcurementRound,
  'procurement.record-single-source': recordProcurementSingleSource,
  'procurement.receive-objection': receiveProcurementObjection,
  'procurement.answer-objection': answerProcurementObjection,
  'procurement.close-objections': closeProcurementObjections,
  'petition-objection.register': registerPetitionObjection,
  'petition-objection.extend': extendPetitionObjection,
  'petition-objection.decide': decidePetitionObjection,
};
