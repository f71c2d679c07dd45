/**
 * Civil-petition types (민원의 종류) and their processing limits, and the due instant of a petition of a type. The
 * five general types are the law itself (민원 처리에 관한 법률 시행령 §14-§16, §18); a ministry adds its statutory
 * types (법정민원, each with the limit of its 민원처리기준표 entry) as data. Counting is the calendar's civil-petition
 * rule (시행령 §19); this module only says which period applies. Pure, so a workflow can call it too.
 */
import {
  computeDeadline,
  type BusinessCalendar,
  type Deadline,
  type Explanation,
  type Instant,
  type Period,
} from '../calendar';

const DECREE = '민원 처리에 관한 법률 시행령';
/** A type's code as it appears in URLs and process variables, e.g. `inquiry-law`, `food-business-report`. */
export const PETITION_TYPE_CODE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export interface PetitionType {
  code: string;
  /** The Korean name a clerk knows it by, e.g. '법령 해석 질의'. */
  name: string;
  limit: Period;
  /** The provision that sets the limit. */
  basis: string;
  /** General types come from the decree; statutory ones from a ministry's 민원처리기준표. */
  kind: 'general' | 'statutory';
}

/** The general types, in the order of the decree. Articles to be checked against the current text: docs/civil-petition.md. */
export const generalPetitionTypes: readonly PetitionType[] = [
  {
    code: 'inquiry-law',
    name: '법령 해석 질의',
    limit: { unit: 'days', amount: 14 },
    basis: `${DECREE} 제14조제1항제1호`,
    kind: 'general',
  },
  {
    code: 'inquiry-procedure',
    name: '제도·절차 질의',
    limit: { unit: 'days', amount: 7 },
    basis: `${DECREE} 제14조제1항제2호`,
    kind: 'general',
  },
  { code: 'proposal', name: '건의', limit: { unit: 'days', amount: 14 }, basis: `${DECREE} 제15조`, kind: 'general' },
  {
    code: 'grievance',
    name: '고충',
    limit: { unit: 'days', amount: 7 },
    basis: `${DECREE} 제18조제1항`,
    kind: 'general',
  },
  {
    code: 'other-immediate',
    name: '기타 (즉시 처리)',
    limit: { unit: 'immediately' },
    basis: `${DECREE} 제16조제1항`,
    kind: 'general',
  },
];

export interface PetitionDeadline {
  /** ISO 8601 in +09:00. */
  dueAt: string;
  dueAtEpochMs: number;
  /** The type, its limit and the provision that sets it. */
  rule: Pick<PetitionType, 'code' | 'name' | 'limit' | 'basis'>;
  /** The calendar's explanation of the count (§19), its text preceded by the type's line. */
  explanation: Explanation;
}

/** The general types followed by the statutory ones, so a general code always wins a lookup. */
export function petitionTypeTable(statutory: readonly PetitionType[]): readonly PetitionType[] {
  return [...generalPetitionTypes, ...statutory.filter((type) => !isGeneralCode(type.code))];
}

export function isGeneralCode(code: string): boolean {
  return generalPetitionTypes.some((type) => type.code === code);
}

/** When a petition of this type received at this instant is due, on this calendar. */
export function petitionDeadline(
  calendar: BusinessCalendar,
  type: PetitionType,
  receivedAt: Instant | string,
): PetitionDeadline {
  const counted: Deadline = computeDeadline(calendar, { rule: 'civil-petition', receivedAt, period: type.limit });
  return {
    dueAt: counted.dueAt,
    dueAtEpochMs: counted.dueAtEpochMs,
    rule: { code: type.code, name: type.name, limit: type.limit, basis: type.basis },
    explanation: { ...counted.explanation, text: [typeLine(type), ...counted.explanation.text] },
  };
}

/** e.g. '민원 종류: 건의, 처리기간 14일 (민원 처리에 관한 법률 시행령 제15조)' */
function typeLine(type: PetitionType): string {
  return `민원 종류: ${type.name}, 처리기간 ${limitText(type.limit)} (${type.basis})`;
}

const UNIT_TEXT = { hours: '시간', days: '일', weeks: '주', months: '개월', years: '년' } as const;

function limitText(limit: Period): string {
  return limit.unit === 'immediately' ? '즉시' : `${limit.amount}${UNIT_TEXT[limit.unit]}`;
}
