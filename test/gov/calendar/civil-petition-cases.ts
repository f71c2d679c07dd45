/**
 * Civil-petition deadlines worked out by hand from the 2025-2027 calendars (the days and holidays of
 * @hyunbinseo/holidays-kr 5.2027.1, checked against `cal`), never by the code under test. The unit tests and the API
 * test both run this table, so the API answers the same dueAt for the same input.
 *
 * Working time is 09:00-12:00 and 13:00-18:00; "h" below means working hours.
 */
import type { Period } from '../../../gov/calendar';

export interface PetitionCase {
  name: string;
  receivedAt: string;
  period:
    | { days: number }
    | { hours: number }
    | { weeks: number }
    | { months: number }
    | { years: number }
    | { immediately: true };
  excluded?: string[];
  /** Days an administrator declared (the API test declares them first). */
  declared?: Array<{ date: string; name: string }>;
  dueAt: string;
  unit: 'working-hours' | 'working-days' | 'calendar';
  /** Dates the count must skip (a subset is enough), and dates it must count. */
  skips?: string[];
  counts?: string[];
}

export const petitionCases: PetitionCase[] = [
  {
    name: '설날 2026 (Mon 2/16-Wed 2/18, no substitute): 3 days = 24 h from Fri 2/13 17:00 → Fri 1 h, Thu 2/19 8 h, Fri 2/20 8 h, Mon 2/23 7 h → 17:00',
    receivedAt: '2026-02-13T17:00:00+09:00',
    period: { days: 3 },
    dueAt: '2026-02-23T17:00:00+09:00',
    unit: 'working-hours',
    skips: ['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-21', '2026-02-22'],
    counts: ['2026-02-13', '2026-02-19', '2026-02-20', '2026-02-23'],
  },
  {
    name: '설날 2027 with its substitute (Sat 2/6-Mon 2/8, 대체공휴일 Tue 2/9): 2 days = 16 h from Fri 2/5 10:00 → Fri 7 h, Wed 2/10 8 h, Thu 2/11 1 h → 10:00',
    receivedAt: '2027-02-05T10:00:00+09:00',
    period: { days: 2 },
    dueAt: '2027-02-11T10:00:00+09:00',
    unit: 'working-hours',
    skips: ['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'],
    counts: ['2027-02-05', '2027-02-10', '2027-02-11'],
  },
  {
    name: '설날 2027 in working days: 7 days from Thu 2/4 → 2/4, 2/5, 2/10, 2/11, 2/12, 2/15, 2/16 → Tue 2/16 18:00',
    receivedAt: '2027-02-04T14:00:00+09:00',
    period: { days: 7 },
    dueAt: '2027-02-16T18:00:00+09:00',
    unit: 'working-days',
    skips: ['2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-13', '2027-02-14'],
    counts: ['2027-02-04', '2027-02-05', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-15', '2027-02-16'],
  },
  {
    name: '추석 2025 with its substitute (Sun 10/5-Tue 10/7, 대체공휴일 Wed 10/8, 개천절 Fri 10/3, 한글날 Thu 10/9): 2 days = 16 h from Thu 10/2 16:00 → Thu 2 h, Fri 10/10 8 h, Mon 10/13 6 h → 16:00',
    receivedAt: '2025-10-02T16:00:00+09:00',
    period: { days: 2 },
    dueAt: '2025-10-13T16:00:00+09:00',
    unit: 'working-hours',
    skips: ['2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08', '2025-10-09'],
    counts: ['2025-10-02', '2025-10-10', '2025-10-13'],
  },
  {
    name: '추석 2026 (Thu 9/24-Sat 9/26: a Saturday overlap gives 추석 no substitute, so Mon 9/28 counts) and 개천절 Sat 10/3 with its substitute Mon 10/5: 10 days from Wed 9/23 → Mon 10/12 18:00',
    receivedAt: '2026-09-23T09:00:00+09:00',
    period: { days: 10 },
    dueAt: '2026-10-12T18:00:00+09:00',
    unit: 'working-days',
    skips: ['2026-09-24', '2026-09-25', '2026-09-26', '2026-10-03', '2026-10-05', '2026-10-09'],
    counts: ['2026-09-23', '2026-09-28', '2026-10-02', '2026-10-06', '2026-10-12'],
  },
  {
    name: 'a receipt on Saturday 2026-03-07 11:00, 1 day = 8 h → counting starts Mon 3/9 09:00 → Mon 18:00',
    receivedAt: '2026-03-07T11:00:00+09:00',
    period: { days: 1 },
    dueAt: '2026-03-09T18:00:00+09:00',
    unit: 'working-hours',
    skips: ['2026-03-07', '2026-03-08'],
    counts: ['2026-03-09'],
  },
  {
    name: 'a receipt on Saturday 2026-03-07, 6 days → Mon 3/9 is day 1 … Mon 3/16 is day 6 → 18:00',
    receivedAt: '2026-03-07T11:00:00+09:00',
    period: { days: 6 },
    dueAt: '2026-03-16T18:00:00+09:00',
    unit: 'working-days',
    skips: ['2026-03-07', '2026-03-08', '2026-03-14', '2026-03-15'],
  },
  {
    name: 'a receipt after 18:00 (Tue 2026-03-10 19:30), 3 hours → Wed 3/11 09:00-12:00 → 12:00',
    receivedAt: '2026-03-10T19:30:00+09:00',
    period: { hours: 3 },
    dueAt: '2026-03-11T12:00:00+09:00',
    unit: 'working-hours',
    skips: ['2026-03-10'],
    counts: ['2026-03-11'],
  },
  {
    name: '"immediately" = 3 working hours, received after 18:00 (Tue 2026-03-10 19:30) → Wed 3/11 12:00',
    receivedAt: '2026-03-10T19:30:00+09:00',
    period: { immediately: true },
    dueAt: '2026-03-11T12:00:00+09:00',
    unit: 'working-hours',
  },
  {
    name: 'hours across a weekend and lunch: 6 h from Fri 2026-03-13 16:00 → Fri 2 h, Mon 3/16 09-12 3 h, 13-14 1 h → 14:00',
    receivedAt: '2026-03-13T16:00:00+09:00',
    period: { hours: 6 },
    dueAt: '2026-03-16T14:00:00+09:00',
    unit: 'working-hours',
    skips: ['2026-03-14', '2026-03-15'],
  },
  {
    name: 'hours that run out exactly at noon end at 12:00, not 13:00: 5 h from Fri 2026-03-13 16:00 → Mon 3/16 12:00',
    receivedAt: '2026-03-13T16:00:00+09:00',
    period: { hours: 5 },
    dueAt: '2026-03-16T12:00:00+09:00',
    unit: 'working-hours',
  },
  {
    name: 'a receipt during lunch (Wed 2026-03-11 12:30) starts at 13:00: 2 h → 15:00',
    receivedAt: '2026-03-11T12:30:00+09:00',
    period: { hours: 2 },
    dueAt: '2026-03-11T15:00:00+09:00',
    unit: 'working-hours',
  },
  {
    name: 'a receipt given in UTC (2026-03-11T01:00Z = 10:00 KST), 1 h → 11:00 KST',
    receivedAt: '2026-03-11T01:00:00Z',
    period: { hours: 1 },
    dueAt: '2026-03-11T11:00:00+09:00',
    unit: 'working-hours',
  },
  {
    name: '5 days is the last period in hours: 40 h from Mon 2026-03-09 10:00 → Mon 7 h, Tue-Fri 32 h, Mon 3/16 1 h → 10:00',
    receivedAt: '2026-03-09T10:00:00+09:00',
    period: { days: 5 },
    dueAt: '2026-03-16T10:00:00+09:00',
    unit: 'working-hours',
  },
  {
    name: '6 days is the first period in days, first day included: from Mon 2026-03-09 10:00 → 3/9-3/13, 3/16 → Mon 3/16 18:00',
    receivedAt: '2026-03-09T10:00:00+09:00',
    period: { days: 6 },
    dueAt: '2026-03-16T18:00:00+09:00',
    unit: 'working-days',
    counts: ['2026-03-09', '2026-03-16'],
  },
  {
    name: 'a period spanning New Year in days: 7 days from Wed 2026-12-23 → 12/23, 12/24, (12/25 기독탄신일), 12/28-12/31, (1/1-1/3) 1/4 → Mon 2027-01-04 18:00',
    receivedAt: '2026-12-23T10:00:00+09:00',
    period: { days: 7 },
    dueAt: '2027-01-04T18:00:00+09:00',
    unit: 'working-days',
    skips: ['2026-12-25', '2026-12-26', '2026-12-27', '2027-01-01', '2027-01-02', '2027-01-03'],
    counts: ['2026-12-31', '2027-01-04'],
  },
  {
    name: 'a period spanning New Year in hours: 8 h from Thu 2026-12-31 15:00 → 3 h, (1/1-1/3), Mon 2027-01-04 5 h → 15:00',
    receivedAt: '2026-12-31T15:00:00+09:00',
    period: { days: 1 },
    dueAt: '2027-01-04T15:00:00+09:00',
    unit: 'working-hours',
    skips: ['2027-01-01', '2027-01-02', '2027-01-03'],
  },
  {
    name: 'a clock stop of several days (Wed 3/11-Tue 3/17) in a 10-day period from Mon 2026-03-09: 3/9, 3/10, 3/18-3/20, 3/23-3/27 → Fri 3/27 18:00 (3/20 without it)',
    receivedAt: '2026-03-09T10:00:00+09:00',
    period: { days: 10 },
    excluded: ['2026-03-11/2026-03-17'],
    dueAt: '2026-03-27T18:00:00+09:00',
    unit: 'working-days',
    skips: ['2026-03-11', '2026-03-12', '2026-03-13', '2026-03-16', '2026-03-17'],
    counts: ['2026-03-10', '2026-03-18', '2026-03-27'],
  },
  {
    name: 'whole stopped days in hours: 2 days = 16 h from Mon 2026-03-09 10:00, stopped Tue 3/10-Thu 3/12 → Mon 7 h, Fri 3/13 8 h, Mon 3/16 1 h → 10:00',
    receivedAt: '2026-03-09T10:00:00+09:00',
    period: { days: 2 },
    excluded: ['2026-03-10/2026-03-12'],
    dueAt: '2026-03-16T10:00:00+09:00',
    unit: 'working-hours',
    skips: ['2026-03-10', '2026-03-11', '2026-03-12'],
  },
  {
    name: 'an instant clock stop in hours: 16 h from Mon 2026-03-09 10:00, stopped Mon 15:00-Tue 11:00 → Mon 4 h, Tue 11-12 1 h, 13-18 5 h, Wed 09-12 3 h, 13-16 3 h → Wed 16:00',
    receivedAt: '2026-03-09T10:00:00+09:00',
    period: { days: 2 },
    excluded: ['2026-03-09T15:00:00+09:00/2026-03-10T11:00:00+09:00'],
    dueAt: '2026-03-11T16:00:00+09:00',
    unit: 'working-hours',
  },
  {
    name: 'a declared temporary holiday (Wed 2026-03-04): 8 h from Tue 3/3 14:00 → Tue 4 h, Thu 3/5 4 h → 14:00 (Wed 3/4 14:00 without it)',
    receivedAt: '2026-03-03T14:00:00+09:00',
    period: { days: 1 },
    declared: [{ date: '2026-03-04', name: '임시공휴일' }],
    dueAt: '2026-03-05T14:00:00+09:00',
    unit: 'working-hours',
    skips: ['2026-03-04'],
  },
  {
    name: '1 month from Thu 2026-01-15, first day included → last day Sat 2/14 → rolls past Sun 2/15 and 설날 2/16-2/18 to Thu 2/19 18:00',
    receivedAt: '2026-01-15T10:00:00+09:00',
    period: { months: 1 },
    dueAt: '2026-02-19T18:00:00+09:00',
    unit: 'calendar',
    skips: ['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18'],
  },
  {
    name: '1 month from Fri 2027-01-29: February has no 29th → last day Sun 2/28 (민법 §160③) → rolls past 3ㆍ1절 Mon 3/1 to Tue 2027-03-02 18:00',
    receivedAt: '2027-01-29T10:00:00+09:00',
    period: { months: 1 },
    dueAt: '2027-03-02T18:00:00+09:00',
    unit: 'calendar',
  },
  {
    name: '2 weeks from Mon 2026-09-14 → last day Sun 9/27 → Mon 9/28 18:00',
    receivedAt: '2026-09-14T10:00:00+09:00',
    period: { weeks: 2 },
    dueAt: '2026-09-28T18:00:00+09:00',
    unit: 'calendar',
  },
  {
    name: '1 year from Tue 2026-03-03 → Tue 2027-03-02, a working day → 18:00',
    receivedAt: '2026-03-03T10:00:00+09:00',
    period: { years: 1 },
    dueAt: '2027-03-02T18:00:00+09:00',
    unit: 'calendar',
  },
  {
    name: '1 month from Wed 2026-04-01 with 3 stopped days (4/6-4/8) → Thu 4/30 + 3 = Sun 5/3 → Mon 5/4 18:00',
    receivedAt: '2026-04-01T10:00:00+09:00',
    period: { months: 1 },
    excluded: ['2026-04-06/2026-04-08'],
    dueAt: '2026-05-04T18:00:00+09:00',
    unit: 'calendar',
    skips: ['2026-04-06', '2026-04-07', '2026-04-08', '2026-05-03'],
  },
];

export function toPeriod(period: PetitionCase['period']): Period {
  if ('immediately' in period) return { unit: 'immediately' };
  const [unit, amount] = Object.entries(period)[0] as [Exclude<Period['unit'], 'immediately'>, number];
  return { unit, amount };
}
