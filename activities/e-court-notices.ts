/**
 * The court's notices to the parties (docs/e-court.md): each goes by email and by the SMS stand-in, and both are
 * recorded as CourtNotice rows. Electronic service (전자송달) needs both channels; no SMS gateway is called, the text
 * is recorded as sent. Once per step and recipient: the keys derive from the step's idempotency key.
 */
import type { CaseWithParties, CourtParty } from '../engine/e-court/cases';
import type { ActivityDeps } from './deps';
import { sendOnce } from './outbound-email';

export type CourtNoticeKind =
  'service' | 'defect-order' | 'dismissal' | 'judgment-date' | 'answer' | 'judgment-date-cancelled';

export interface CourtNoticeText {
  subject: string;
  text: string;
}

const kst = (instant: Date) =>
  new Intl.DateTimeFormat('ko-KR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Seoul' }).format(instant);

const caseLabel = ({ courtCase }: CaseWithParties) => courtCase.caseNumber ?? '접수 사건';
const casePage = ({ courtCase }: CaseWithParties) => `#/e-court/cases/${courtCase.id}`;

/** The notices' wording, one function per kind: what happened, what the party must do, and by when. */
export const courtNoticeTexts = {
  service: (found: CaseWithParties, deemedAt: Date): CourtNoticeText => ({
    subject: `[전자송달] ${caseLabel(found)} 소장 부본 송달 안내`,
    text:
      `${found.defendant.displayName}님, ${found.plaintiff.displayName}님이 제기한 ${caseLabel(found)} 사건의 소장 부본이 ` +
      `전자소송 사이트에 등재되었습니다. 사건 화면(${casePage(found)})에서 열람하면 송달됩니다. ` +
      `열람하지 않으면 ${kst(deemedAt)}에 송달된 것으로 봅니다(전자문서법 §11④). ` +
      `송달일부터 30일 안에 답변서를 제출하십시오(민사소송법 §256①).`,
  }),
  'defect-order': (found: CaseWithParties): CourtNoticeText => ({
    subject: `[보정명령] ${caseLabel(found)} 소장 보정`,
    text:
      `${found.plaintiff.displayName}님, ${caseLabel(found)} 사건의 소장에 다음 흠이 있습니다: ${found.courtCase.defects ?? ''}. ` +
      `${kst(found.courtCase.defectDueAt as Date)}까지 보정하십시오. 기간 안에 보정하지 않으면 소장이 각하됩니다(민사소송법 §254).`,
  }),
  dismissal: (found: CaseWithParties): CourtNoticeText => ({
    subject: `[소장각하] ${caseLabel(found)}`,
    text:
      `${found.plaintiff.displayName}님, ${caseLabel(found)} 사건은 보정기간(${kst(found.courtCase.defectDueAt as Date)})` +
      ` 안에 보정되지 않아 소장이 각하되었습니다(민사소송법 §254②).`,
  }),
  'judgment-date': (found: CaseWithParties): CourtNoticeText => ({
    subject: `[선고기일] ${caseLabel(found)} 무변론판결 선고기일 지정`,
    text:
      `${caseLabel(found)} 사건은 답변서 제출기간 안에 답변서가 제출되지 않아 ` +
      `${kst(found.courtCase.judgmentAt as Date)}을 무변론판결 선고기일로 지정하였습니다(민사소송법 §257①). ` +
      `선고 전까지 답변서가 제출되면 이 기일은 취소됩니다.`,
  }),
  answer: (found: CaseWithParties): CourtNoticeText => ({
    subject: `[답변서] ${caseLabel(found)} 답변서 제출`,
    text: `${found.plaintiff.displayName}님, ${caseLabel(found)} 사건에 피고의 답변서가 제출되었습니다. 변론 준비 절차로 진행합니다.`,
  }),
  'judgment-date-cancelled': (found: CaseWithParties, judgmentAt: Date): CourtNoticeText => ({
    subject: `[기일취소] ${caseLabel(found)} 무변론판결 선고기일 취소`,
    text:
      `${caseLabel(found)} 사건은 선고 전에 답변서가 제출되어 ${kst(judgmentAt)} 무변론판결 선고기일을 취소하였습니다` +
      `(민사소송법 §257①). 변론 준비 절차로 진행합니다.`,
  }),
} satisfies Record<CourtNoticeKind, (found: CaseWithParties, instant: Date) => CourtNoticeText>;

/** Sends one notice to one party by email and records it with the SMS stand-in; a retry sends and records nothing. */
export async function sendCourtNotice(
  deps: ActivityDeps,
  key: string,
  notice: { caseId: string; kind: CourtNoticeKind; to: CourtParty; at: Date } & CourtNoticeText,
): Promise<void> {
  const { caseId, kind, to, at, subject, text } = notice;
  const base = `${key}:${kind}:${to.username}`;
  if (to.email) await sendOnce(deps, `${base}:email`, { to: to.email, subject, text });
  const rows = [
    ...(to.email ? [{ channel: 'EMAIL' as const, address: to.email }] : []),
    { channel: 'SMS' as const, address: to.username },
  ];
  for (const { channel, address } of rows) {
    const idempotencyKey = `${base}:${channel}`;
    await deps.prisma.courtNotice.upsert({
      where: { idempotencyKey },
      update: {},
      create: {
        idempotencyKey,
        caseId,
        kind,
        channel,
        recipient: to.username,
        address,
        text: `${subject}\n${text}`,
        sentAt: at,
      },
    });
  }
}
