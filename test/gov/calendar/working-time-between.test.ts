/**
 * The working time between two instants (the tasklist's "time left"), on the real 2026-2027 calendar. Every expected
 * value is counted by hand below; working time is 09:00-12:00 and 13:00-18:00 on working days.
 */
import {
  CalendarError,
  computeDeadline,
  createBusinessCalendar,
  parseInstant,
  workingTimeBetween,
  workingTimesFrom,
} from '../../../gov/calendar';
import { petitionCases, toPeriod } from './civil-petition-cases';

const at = (iso: string) => parseInstant(iso, 'test');

interface Case {
  name: string;
  from: string;
  to: string;
  minutes: number;
  overdue?: boolean;
  declared?: Array<{ date: string; name: string }>;
}

const cases: Case[] = [
  {
    name: 'within one morning: Tue 3/3 10:00 → 11:30 = 90 min',
    from: '2026-03-03T10:00:00+09:00',
    to: '2026-03-03T11:30:00+09:00',
    minutes: 90,
  },
  {
    name: 'crossing lunch: Tue 3/3 11:00 → 14:20 = 60 + 80 = 140 min',
    from: '2026-03-03T11:00:00+09:00',
    to: '2026-03-03T14:20:00+09:00',
    minutes: 140,
  },
  {
    name: 'from inside lunch: Tue 3/3 12:30 → 13:30 = 30 min (12:30-13:00 is lunch)',
    from: '2026-03-03T12:30:00+09:00',
    to: '2026-03-03T13:30:00+09:00',
    minutes: 30,
  },
  {
    name: 'lunch only: Tue 3/3 12:00 → 13:00 = 0 min',
    from: '2026-03-03T12:00:00+09:00',
    to: '2026-03-03T13:00:00+09:00',
    minutes: 0,
  },
  {
    name: 'overnight: Tue 3/3 17:00 → Wed 3/4 10:00 = 60 + 60 = 120 min',
    from: '2026-03-03T17:00:00+09:00',
    to: '2026-03-04T10:00:00+09:00',
    minutes: 120,
  },
  {
    name: 'from after hours: Tue 3/3 20:00 → Wed 3/4 09:45 = 45 min',
    from: '2026-03-03T20:00:00+09:00',
    to: '2026-03-04T09:45:00+09:00',
    minutes: 45,
  },
  {
    name: 'a weekend: Fri 3/6 16:00 → Mon 3/9 10:00 = 120 + 60 = 180 min',
    from: '2026-03-06T16:00:00+09:00',
    to: '2026-03-09T10:00:00+09:00',
    minutes: 180,
  },
  {
    name: '3ㆍ1절 on a Sunday and its substitute Mon 3/2: Fri 2/27 17:00 → Tue 3/3 10:00 = 60 + 60 = 120 min',
    from: '2026-02-27T17:00:00+09:00',
    to: '2026-03-03T10:00:00+09:00',
    minutes: 120,
  },
  {
    name: '추석 2026 (Thu 9/24-Sat 9/26): Wed 9/23 17:00 → Mon 9/28 09:30 = 60 + 30 = 90 min',
    from: '2026-09-23T17:00:00+09:00',
    to: '2026-09-28T09:30:00+09:00',
    minutes: 90,
  },
  {
    name: 'a declared day (Wed 3/4 임시공휴일): Tue 3/3 17:00 → Thu 3/5 09:10 = 60 + 10 = 70 min',
    from: '2026-03-03T17:00:00+09:00',
    to: '2026-03-05T09:10:00+09:00',
    minutes: 70,
    declared: [{ date: '2026-03-04', name: '임시공휴일' }],
  },
  {
    name: 'a full week: Mon 3/9 09:00 → Mon 3/16 09:00 = 5 × 480 = 2400 min',
    from: '2026-03-09T09:00:00+09:00',
    to: '2026-03-16T09:00:00+09:00',
    minutes: 2400,
  },
  {
    name: 'the same instant: 0 min, not overdue',
    from: '2026-03-03T10:00:00+09:00',
    to: '2026-03-03T10:00:00+09:00',
    minutes: 0,
  },
  {
    name: 'a part minute is dropped: 10:00:00 → 10:01:59 = 1 min',
    from: '2026-03-03T10:00:00+09:00',
    to: '2026-03-03T10:01:59+09:00',
    minutes: 1,
  },
  {
    name: 'overdue across a weekend: due Fri 3/6 17:00, now Mon 3/9 10:00 → 60 + 60 = 120 min since',
    from: '2026-03-09T10:00:00+09:00',
    to: '2026-03-06T17:00:00+09:00',
    minutes: -120,
    overdue: true,
  },
  {
    name: 'overdue the same evening: due Tue 3/3 17:00, now 19:00 → 60 min since',
    from: '2026-03-03T19:00:00+09:00',
    to: '2026-03-03T17:00:00+09:00',
    minutes: -60,
    overdue: true,
  },
  {
    name: 'overdue with no working time since: due Fri 3/6 18:00, now Sat 3/7 10:00 → overdue, 0 min',
    from: '2026-03-07T10:00:00+09:00',
    to: '2026-03-06T18:00:00+09:00',
    minutes: 0,
    overdue: true,
  },
  {
    name: 'overdue by less than a minute: 0 min, overdue (never -0)',
    from: '2026-03-03T10:00:30+09:00',
    to: '2026-03-03T10:00:00+09:00',
    minutes: 0,
    overdue: true,
  },
];

describe('workingTimeBetween', () => {
  it.each(cases)('$name', ({ from, to, minutes, overdue = false, declared = [] }) => {
    const between = workingTimeBetween(createBusinessCalendar({ declared }), at(from), at(to));
    expect(between).toEqual({ minutes, overdue });
    expect(Object.is(between.minutes, -0)).toBe(false);
  });

  it('is antisymmetric: swapping the instants flips the sign and the overdue flag', () => {
    const calendar = createBusinessCalendar();
    const [from, to] = [at('2026-02-27T17:00:00+09:00'), at('2026-03-03T10:00:00+09:00')];
    expect(workingTimeBetween(calendar, to, from)).toEqual({
      minutes: -workingTimeBetween(calendar, from, to).minutes,
      overdue: true,
    });
  });

  it('gives back exactly the period of every hour-unit petition deadline without clock-stops, from the receipt to the due date', () => {
    const hourCases = petitionCases.filter((given) => given.unit === 'working-hours' && !given.excluded);
    expect(hourCases.length).toBeGreaterThan(5);
    for (const given of hourCases) {
      const calendar = createBusinessCalendar({ declared: given.declared ?? [] });
      const deadline = computeDeadline(calendar, {
        rule: 'civil-petition',
        receivedAt: given.receivedAt,
        period: toPeriod(given.period),
      });
      expect({
        name: given.name,
        minutes: workingTimeBetween(calendar, at(given.receivedAt), deadline.dueAtEpochMs).minutes,
      }).toEqual({
        name: given.name,
        minutes: deadline.explanation.totals.workingMinutes,
      });
    }
  });

  it('counts up to the last evening of the data without looking past it: Fri 2027-12-31 17:00 → 20:00 = 60 min', () => {
    expect(
      workingTimeBetween(createBusinessCalendar(), at('2027-12-31T17:00:00+09:00'), at('2027-12-31T20:00:00+09:00')),
    ).toEqual({ minutes: 60, overdue: false });
  });

  it.each([
    { parameter: 'to', from: '2027-12-30T10:00:00+09:00', to: '2028-01-03T10:00:00+09:00' },
    { parameter: 'from', from: '2017-12-29T10:00:00+09:00', to: '2026-03-03T10:00:00+09:00' },
    { parameter: 'to', from: '2026-03-03T10:00:00+09:00', to: '2030-01-01T00:00:00+09:00' },
  ])('refuses $parameter beyond the holiday data with OUT_OF_HORIZON', ({ parameter, from, to }) => {
    const attempt = () => workingTimeBetween(createBusinessCalendar(), at(from), at(to));
    expect(attempt).toThrow(CalendarError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'OUT_OF_HORIZON', parameter }) as Error);
  });
});

describe('workingTimesFrom', () => {
  it('answers every instant exactly as workingTimeBetween does, walking the calendar once', () => {
    const calendar = createBusinessCalendar({ declared: [{ date: '2026-03-04', name: '임시공휴일' }] });
    const from = at('2026-03-03T10:17:42.345+09:00');
    // Instants on both sides of `from` over seven weeks, at odd minutes, lunch, evenings, weekends and holidays.
    const tos = Array.from({ length: 400 }, (_, i) => from + (i - 120) * 3 * 3_600_000 + ((i * 7_919) % 3_600_000));
    const expected = tos.map((to) => workingTimeBetween(calendar, from, to));
    expect(workingTimesFrom(calendar, from, tos)).toEqual(expected);
  });

  it('answers undefined for an instant beyond the holiday data, and for all of them when `from` is', () => {
    const calendar = createBusinessCalendar();
    const inside = at('2026-03-03T10:00:00+09:00');
    const beyond = at('2199-01-01T10:00:00+09:00');
    expect(workingTimesFrom(calendar, inside, [beyond, inside])).toEqual([undefined, { minutes: 0, overdue: false }]);
    expect(workingTimesFrom(calendar, beyond, [inside])).toEqual([undefined]);
  });
});
