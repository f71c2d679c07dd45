/**
 * Civil-petition deadlines by type, worked out by hand on the 2026 calendar (never by the code under test). The unit
 * tests and the API test both run this table. Friday 2026-03-13 is the usual receipt day; some rows have an
 * administrator declare Monday 3/16 a holiday (임시공휴일). Working time is 09:00-12:00 and 13:00-18:00;
 * 7 and 14 days are counted in working days (first day included), 즉시 in 3 working hours (시행령 §19).
 */
export interface PetitionTypeCase {
  name: string;
  type: string;
  receivedAt: string;
  /** Days an administrator declared (the API test declares them first). */
  declared?: Array<{ date: string; name: string }>;
  dueAt: string;
}

const MONDAY_OFF = [{ date: '2026-03-16', name: '임시공휴일' }];

export const petitionTypeCases: PetitionTypeCase[] = [
  {
    name: '법령 해석 질의, 14 days from Fri 3/13 15:00 → 3/13, 16-20, 23-27, 30, 31, 4/1 → Wed 4/1 18:00',
    type: 'inquiry-law',
    receivedAt: '2026-03-13T15:00:00+09:00',
    dueAt: '2026-04-01T18:00:00+09:00',
  },
  {
    name: '제도·절차 질의, 7 days from Fri 3/13 15:00 → 3/13, 16-20, 23 → Mon 3/23 18:00',
    type: 'inquiry-procedure',
    receivedAt: '2026-03-13T15:00:00+09:00',
    dueAt: '2026-03-23T18:00:00+09:00',
  },
  {
    name: '건의, 14 days from Fri 3/13 15:00 → Wed 4/1 18:00',
    type: 'proposal',
    receivedAt: '2026-03-13T15:00:00+09:00',
    dueAt: '2026-04-01T18:00:00+09:00',
  },
  {
    name: '고충, 7 days from Fri 3/13 15:00 → Mon 3/23 18:00',
    type: 'grievance',
    receivedAt: '2026-03-13T15:00:00+09:00',
    dueAt: '2026-03-23T18:00:00+09:00',
  },
  {
    name: '즉시, 3 h from Fri 3/13 16:00 → Fri 16-18, Mon 3/16 09-10 → Mon 10:00',
    type: 'other-immediate',
    receivedAt: '2026-03-13T16:00:00+09:00',
    dueAt: '2026-03-16T10:00:00+09:00',
  },
  {
    name: '고충 received Fri 17:59, still working time: Friday is day 1 → Mon 3/23 18:00',
    type: 'grievance',
    receivedAt: '2026-03-13T17:59:00+09:00',
    dueAt: '2026-03-23T18:00:00+09:00',
  },
  {
    name: '고충 received Fri 18:01, outside working time: Mon 3/16 is day 1 → 16-20, 23, 24 → Tue 3/24 18:00',
    type: 'grievance',
    receivedAt: '2026-03-13T18:01:00+09:00',
    dueAt: '2026-03-24T18:00:00+09:00',
  },
  {
    name: '즉시 received Fri 17:00: Fri 17-18, Mon 09-11 → Mon 3/16 11:00',
    type: 'other-immediate',
    receivedAt: '2026-03-13T17:00:00+09:00',
    dueAt: '2026-03-16T11:00:00+09:00',
  },
  {
    name: '즉시 received Fri 18:01: counting starts Mon 09:00, Mon 09-12 → Mon 3/16 12:00 (due at noon, not after lunch)',
    type: 'other-immediate',
    receivedAt: '2026-03-13T18:01:00+09:00',
    dueAt: '2026-03-16T12:00:00+09:00',
  },
  {
    name: '법령 해석 질의 received Sat 3/14: Mon 3/16 is day 1 → 16-20, 23-27, 30, 31, 4/1, 4/2 → Thu 4/2 18:00',
    type: 'inquiry-law',
    receivedAt: '2026-03-14T10:00:00+09:00',
    dueAt: '2026-04-02T18:00:00+09:00',
  },
  {
    name: '즉시 on 성탄절 2026: Thu 12/24 17:00 → Thu 17-18, Fri 12/25 off, Mon 12/28 09-11 → 11:00',
    type: 'other-immediate',
    receivedAt: '2026-12-24T17:00:00+09:00',
    dueAt: '2026-12-28T11:00:00+09:00',
  },
  {
    name: '즉시 from Fri 3/13 16:00, Mon 3/16 declared off: Fri 16-18, Tue 3/17 09-10 → Tue 10:00',
    type: 'other-immediate',
    receivedAt: '2026-03-13T16:00:00+09:00',
    declared: MONDAY_OFF,
    dueAt: '2026-03-17T10:00:00+09:00',
  },
  {
    name: '제도·절차 질의 from Fri 3/13 15:00, Mon 3/16 declared off: 3/13, 17-20, 23, 24 → Tue 3/24 18:00',
    type: 'inquiry-procedure',
    receivedAt: '2026-03-13T15:00:00+09:00',
    declared: MONDAY_OFF,
    dueAt: '2026-03-24T18:00:00+09:00',
  },
  {
    name: '건의 from Fri 3/13 15:00, Mon 3/16 declared off: 3/13, 17-20, 23-27, 30, 31, 4/1, 4/2 → Thu 4/2 18:00',
    type: 'proposal',
    receivedAt: '2026-03-13T15:00:00+09:00',
    declared: MONDAY_OFF,
    dueAt: '2026-04-02T18:00:00+09:00',
  },
  {
    name: '법령 해석 질의 received Fri 18:30, Mon 3/16 declared off: Tue 3/17 is day 1 → 17-20, 23-27, 30-4/3 → Fri 4/3 18:00',
    type: 'inquiry-law',
    receivedAt: '2026-03-13T18:30:00+09:00',
    declared: MONDAY_OFF,
    dueAt: '2026-04-03T18:00:00+09:00',
  },
  {
    name: '고충 received Fri 18:30, Mon 3/16 declared off: Tue 3/17 is day 1 → 17-20, 23-25 → Wed 3/25 18:00',
    type: 'grievance',
    receivedAt: '2026-03-13T18:30:00+09:00',
    declared: MONDAY_OFF,
    dueAt: '2026-03-25T18:00:00+09:00',
  },
];
