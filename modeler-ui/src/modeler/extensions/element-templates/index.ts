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
import eCourtDocket from './e-court-docket.json';
import eCourtOrderDefectFix from './e-court-order-defect-fix.json';
import eCourtRecordCorrection from './e-court-record-correction.json';
import eCourtDismiss from './e-court-dismiss.json';
import eCourtNotifyService from './e-court-notify-service.json';
import eCourtRecordService from './e-court-record-service.json';
import eCourtSetJudgmentDate from './e-court-set-judgment-date.json';
import eCourtRecordAnswer from './e-court-record-answer.json';
import eCourtRecordJudgment from './e-court-record-judgment.json';
import procurementAnnounce from './procurement-announce.json';
import procurementCloseBids from './procurement-close-bids.json';
import procurementOpenBids from './procurement-open-bids.json';
import procurementNextCandidate from './procurement-next-candidate.json';
import procurementRecordReview from './procurement-record-review.json';
import procurementAward from './procurement-award.json';
import procurementRecordContract from './procurement-record-contract.json';
import procurementForfeit from './procurement-forfeit.json';
import procurementFailRound from './procurement-fail-round.json';
import procurementRecordSingleSource from './procurement-record-single-source.json';
import procurementReceiveObjection from './procurement-receive-objection.json';
import procurementAnswerObjection from './procurement-answer-objection.json';
import procurementCloseObjections from './procurement-close-objections.json';
import petitionObjectionDecide from './petition-objection-decide.json';
import petitionObjectionExtend from './petition-objection-extend.json';
import petitionObjectionRegister from './petition-objection-register.json';
import petitionDecide from './petition-decide.json';
import petitionDraftAnswer from './petition-draft-answer.json';
import petitionExtend from './petition-extend.json';
import petitionNotify from './petition-notify.json';
import petitionReceive from './petition-receive.json';
import petitionTrack from './petition-track.json';
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
  'e-court.docket': eCourtDocket,
  'e-court.order-defect-fix': eCourtOrderDefectFix,
  'e-court.record-correction': eCourtRecordCorrection,
  'e-court.dismiss': eCourtDismiss,
  'e-court.notify-service': eCourtNotifyService,
  'e-court.record-service': eCourtRecordService,
  'e-court.set-judgment-date': eCourtSetJudgmentDate,
  'e-court.record-answer': eCourtRecordAnswer,
  'e-court.record-judgment': eCourtRecordJudgment,
  'procurement.announce': procurementAnnounce,
  'procurement.close-bids': procurementCloseBids,
  'procurement.open-bids': procurementOpenBids,
  'procurement.next-candidate': procurementNextCandidate,
  'procurement.record-review': procurementRecordReview,
  'procurement.award': procurementAward,
  'procurement.record-contract': procurementRecordContract,
  'procurement.forfeit': procurementForfeit,
  'procurement.fail-round': procurementFailRound,
  'procurement.record-single-source': procurementRecordSingleSource,
  'procurement.receive-objection': procurementReceiveObjection,
  'procurement.answer-objection': procurementAnswerObjection,
  'procurement.close-objections': procurementCloseObjections,
  'petition-objection.register': petitionObjectionRegister,
  'petition-objection.extend': petitionObjectionExtend,
  'petition-objection.decide': petitionObjectionDecide,
  'petition.receive': petitionReceive,
  'petition.track': petitionTrack,
  'petition.extend': petitionExtend,
  'petition.draft-answer': petitionDraftAnswer,
  'petition.decide': petitionDecide,
  'petition.notify': petitionNotify,
  'document.dispatch': documentDispatch,
  'document.decide-resend': documentDecideResend,
  'document.register-receipt': documentRegisterReceipt,
  'document.distribute': documentDistribute,
  'document.open-reading': documentOpenReading,
  'document.log-read': documentLogRead,
};

export const elementTemplates: ElementTemplate[] = Object.values(templatesByJobType);
