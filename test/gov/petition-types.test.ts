/**
 * Petition types (gov/petitions/types.ts): each general type's limit and article, its due instant on the real
 * calendar (hand-counted in petition-type-cases.ts), statutory types as data, and the explanation a clerk reads.
 */
import { createBusinessCalendar, type Period } from '../../gov/calendar';
import {
  generalPetitionTypes,
  petitionDeadline,
  petitionTypeTable,
  type PetitionType,
} from '../../gov/petitions/types';
import { petitionTypeCases } from './petition-type-cases';

const general = (code: string): PetitionType => {
  const type = generalPetitionTypes.find((candidate) => candidate.code === code);
  if (!type) throw new Error(`no general type ${code}`);
  return type;
};
const statutory = (limit: Period): PetitionType => ({
  code: 'food-business-report',
  name: '영업신고',
  limit,
  basis: '식품위생법 시행규칙 제42조',
  kind: 'statutory',
});

describe('general petition types', () => {
  it.each([
    { code: 'inquiry-law', label: '14일', limit: { unit: 'days', amount: 14 }, article: '제14조제1항제1호' },
    { code: 'inquiry-procedure', label: '7일', limit: { unit: 'days', amount: 7 }, article: '제14조제1항제2호' },
    { code: 'proposal', label: '14일', limit: { unit: 'days', amount: 14 }, article: '제15조' },
    { code: 'grievance', label: '7일', limit: { unit: 'days', amount: 7 }, article: '제18조제1항' },
    { code: 'other-immediate', label: '즉시', limit: { unit: 'immediately' }, article: '제16조제1항' },
  ])('$code: $label under 시행령 $article', ({ code, limit, article }) => {
    const type = general(code);
    expect(type.limit).toEqual(limit);
    expect(type.basis).toBe(`민원 처리에 관한 법률 시행령 ${article}`);
  });

  it.each(petitionTypeCases)('$name', (given) => {
    const calendar = createBusinessCalendar({ declared: given.declared ?? [] });
    const deadline = petitionDeadline(calendar, general(given.type), given.receivedAt);
    expect(deadline.dueAt).toBe(given.dueAt);
    expect(deadline.dueAtEpochMs).toBe(Date.parse(given.dueAt));
  });
});

describe('statutory petition types', () => {
  const calendar = createBusinessCalendar();
  const fridayAfternoon = '2026-03-13T15:00:00+09:00';

  it.each([
    {
      what: '3 days = 24 working hours: Fri 15-18, Mon 8 h, Tue 8 h, Wed 09-12 and 13-15 → Wed 3/18 15:00',
      limit: { unit: 'days', amount: 3 } as const,
      dueAt: '2026-03-18T15:00:00+09:00',
    },
    {
      what: '4 hours: Fri 15-18, Mon 09-10 → Mon 3/16 10:00',
      limit: { unit: 'hours', amount: 4 } as const,
      dueAt: '2026-03-16T10:00:00+09:00',
    },
    {
      what: '20 days in working days: 3/13, 16-20, 23-27, 30-4/3, 4/6-4/9 → Thu 4/9 18:00',
      limit: { unit: 'days', amount: 20 } as const,
      dueAt: '2026-04-09T18:00:00+09:00',
    },
    {
      what: '1 month on the calendar: ends Sun 4/12, rolls forward to Mon 4/13 18:00',
      limit: { unit: 'months', amount: 1 } as const,
      dueAt: '2026-04-13T18:00:00+09:00',
    },
  ])('$what', ({ limit, dueAt }) => {
    expect(petitionDeadline(calendar, statutory(limit), fridayAfternoon).dueAt).toBe(dueAt);
  });

  it('joins the general types, which keep their code: a statutory row cannot redefine one', () => {
    const added = statutory({ unit: 'days', amount: 3 });
    const impostor: PetitionType = { ...added, code: 'grievance', limit: { unit: 'days', amount: 30 } };
    const table = petitionTypeTable([added, impostor]);
    expect(table.map((type) => type.code)).toEqual([
      'inquiry-law',
      'inquiry-procedure',
      'proposal',
      'grievance',
      'other-immediate',
      'food-business-report',
    ]);
    expect(table.find((type) => type.code === 'grievance')?.limit).toEqual({ unit: 'days', amount: 7 });
  });
});

describe('the explanation', () => {
  const calendar = createBusinessCalendar();

  it("opens with the type's line (its limit and article), then the §19 count", () => {
    const deadline = petitionDeadline(calendar, general('inquiry-procedure'), '2026-03-13T15:00:00+09:00');
    expect(deadline.rule).toEqual({
      code: 'inquiry-procedure',
      name: '제도·절차 질의',
      limit: { unit: 'days', amount: 7 },
      basis: '민원 처리에 관한 법률 시행령 제14조제1항제2호',
    });
    const [typeLine, method] = deadline.explanation.text;
    expect(typeLine).toBe('민원 종류: 제도·절차 질의, 처리기간 7일 (민원 처리에 관한 법률 시행령 제14조제1항제2호)');
    expect(method).toContain('민원 처리에 관한 법률 시행령 제19조제2항');
    expect(deadline.explanation.text.at(-1)).toMatch(/^처리기한: /);
    expect(deadline.explanation.skipped.map((day) => day.date)).toEqual(
      expect.arrayContaining(['2026-03-14', '2026-03-15', '2026-03-21', '2026-03-22']),
    );
  });

  it('says 즉시 for the immediate type and counts its 3 working hours', () => {
    const deadline = petitionDeadline(calendar, general('other-immediate'), '2026-03-13T16:00:00+09:00');
    expect(deadline.explanation.text[0]).toBe(
      '민원 종류: 기타 (즉시 처리), 처리기간 즉시 (민원 처리에 관한 법률 시행령 제16조제1항)',
    );
    expect(deadline.explanation.text[1]).toContain('3근무시간');
    expect(deadline.explanation.totals).toEqual({ workingMinutes: 180 });
  });

  it("names a statutory type's own basis", () => {
    const deadline = petitionDeadline(calendar, statutory({ unit: 'days', amount: 20 }), '2026-03-13T15:00:00+09:00');
    expect(deadline.explanation.text[0]).toBe('민원 종류: 영업신고, 처리기간 20일 (식품위생법 시행규칙 제42조)');
  });
});
