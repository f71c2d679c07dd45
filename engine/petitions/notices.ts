/**
 * The letters of the civil-petition process (docs/civil-petition.md): to the petitioner at receipt, transfer,
 * supplementation request, return, extension, every 30 days of processing and at the decision; to the handling clerk
 * before the due instant and to the unit head when it has passed. The recipient comes from the Petition row and the
 * org chart, never from a variable a form could set.
 */
import { koreanInstant } from '../../gov/calendar/explanation';
import type { Petition, PetitionOutcome } from '../../prisma/generated/client';
import type { PrismaClient } from '../../platform/db';

export type PetitionNoticeKind =
  | 'receipt'
  | 'transfer'
  | 'supplement-request'
  | 'returned'
  | 'extension'
  | 'progress'
  | 'result'
  | 'reminder'
  | 'overdue';

/** What a letter may say besides the petition's own facts; each kind reads its own fields. */
export interface NoticeDetails {
  agency?: string;
  reason?: string;
  content?: string;
  replyBy?: string;
  answer?: string;
  outcome?: PetitionOutcome;
  refusalReasons?: string;
}

export interface PetitionNotice {
  to: string;
  subject: string;
  text: string;
}

const OUTCOME_TEXT: Record<PetitionOutcome, string> = {
  ACCEPTED: '수용',
  PARTIALLY_ACCEPTED: '일부 수용',
  REFUSED: '거부',
};

/** The remedies a refusal must state (민원 처리에 관한 법률 제27조제2항; the periods are assumptions to check). */
export const REMEDIES = [
  '이의신청: 처리결과를 통지받은 날부터 60일 이내에 이 기관의 장에게 문서로 신청할 수 있습니다 (민원 처리에 관한 법률 제35조제1항).',
  '행정심판: 처분이 있음을 안 날부터 90일 이내에 청구할 수 있습니다 (행정심판법 제27조제1항).',
  '행정소송: 처분 등이 있음을 안 날부터 90일 이내에 제기할 수 있습니다 (행정소송법 제20조제1항).',
];

/** The letter of a kind, or null when nobody can receive it (a unit without a head or an address). */
export async function petitionNotice(
  prisma: PrismaClient,
  petition: Petition,
  kind: PetitionNoticeKind,
  details: NoticeDetails,
): Promise<PetitionNotice | null> {
  const to = await recipient(prisma, petition, kind);
  if (!to) return null;
  const { subject, lines } = letter(petition, kind, details);
  return { to, subject: `[${petition.receiptNumber}] ${subject}`, text: [...lines, ''].join('\n') };
}

function letter(petition: Petition, kind: PetitionNoticeKind, details: NoticeDetails) {
  const due = petition.dueAt ? koreanInstant(petition.dueAt.getTime()) : '-';
  const header = [
    `${petition.petitionerName} 님`,
    '',
    `민원: ${petition.title}`,
    `접수번호: ${petition.receiptNumber}`,
  ];
  switch (kind) {
    case 'receipt':
      return {
        subject: '민원 접수 통지',
        lines: [...header, `접수일시: ${koreanInstant(petition.receivedAt.getTime())}`, `처리기한: ${due}`],
      };
    case 'transfer':
      return {
        subject: '민원 이송 통지',
        lines: [
          ...header,
          `이 민원은 소관 기관인 ${details.agency}(으)로 이송되었습니다 (민원 처리에 관한 법률 제16조).`,
          `사유: ${details.reason ?? ''}`,
        ],
      };
    case 'supplement-request':
      return {
        subject: '민원 보완 요구',
        lines: [
          ...header,
          `보완할 사항: ${details.content ?? ''}`,
          `보완 기한: ${details.replyBy ? koreanInstant(Date.parse(details.replyBy)) : '-'}`,
          '보완을 요구한 때부터 보완될 때까지의 기간은 처리기간에 산입하지 않습니다 (시행령 제19조).',
        ],
      };
    case 'returned':
      return {
        subject: '민원 반려 통지',
        lines: [...header, '기한까지 보완되지 않아 민원을 반려합니다.', `사유: ${details.reason ?? ''}`],
      };
    case 'extension':
      return {
        subject: '민원 처리기간 연장 통지',
        lines: [...header, `연장 사유: ${details.reason ?? ''}`, `연장된 처리기한: ${due}`],
      };
    case 'progress':
      return {
        subject: '민원 처리 진행상황 통지',
        lines: [...header, '민원을 처리하고 있습니다 (시행령 제23조).', `처리기한: ${due}`],
      };
    case 'result':
      return { subject: '민원 처리결과 통지', lines: [...header, ...resultLines(details)] };
    case 'reminder':
      return { subject: '민원 처리기한 임박', lines: [...header, `처리기한: ${due}`] };
    case 'overdue':
      return { subject: '민원 처리기한 경과', lines: [...header, `처리기한 ${due}이 지났습니다.`] };
  }
}

function resultLines(details: NoticeDetails): string[] {
  const outcome = details.outcome ?? 'ACCEPTED';
  const lines = [`처리결과: ${OUTCOME_TEXT[outcome]}`, '', details.answer ?? ''];
  if (outcome === 'ACCEPTED') return lines;
  return [
    ...lines,
    '',
    `거부 사유: ${details.refusalReasons ?? ''}`,
    '',
    '불복 절차:',
    ...REMEDIES.map((remedy, index) => `${index + 1}. ${remedy}`),
  ];
}

async function recipient(prisma: PrismaClient, petition: Petition, kind: PetitionNoticeKind): Promise<string | null> {
  if (kind !== 'reminder' && kind !== 'overdue') return petition.petitionerEmail;
  const head = petition.orgUnitId
    ? await prisma.orgUnit.findUnique({
        where: { id: petition.orgUnitId },
        select: { head: { select: { email: true } } },
      })
    : null;
  if (kind === 'overdue') return head?.head?.email ?? null;
  // The reminder goes to whoever holds the petition's open work, else to the unit head.
  const task = await prisma.userTask.findFirst({
    where: { processInstanceId: petition.processInstanceId, state: 'CREATED', assignee: { not: null } },
    orderBy: { createdAt: 'desc' },
    select: { assignee: true },
  });
  const assignee = task?.assignee
    ? await prisma.user.findUnique({ where: { username: task.assignee }, select: { email: true } })
    : null;
  return assignee?.email ?? head?.head?.email ?? null;
}
