/**
 * The civil-petition rule (민원처리법 시행령 §19) on the real 2025-2027 calendar. Expected values are worked out by
 * hand in civil-petition-cases.ts.
 */
import { CalendarError, computeDeadline, createBusinessCalendar } from '../../../gov/calendar';
import { petitionCases, toPeriod } from './civil-petition-cases';

describe('civil-petition deadlines', () => {
  it.each(petitionCases)('$name', (given) => {
    const calendar = createBusinessCalendar({ declared: given.declared ?? [] });
    const deadline = computeDeadline(calendar, {
      rule: 'civil-petition',
      receivedAt: given.receivedAt,
      period: toPeriod(given.period),
      excluded: given.excluded,
    });

    expect(deadline.dueAt).toBe(given.dueAt);
    expect(deadline.unit).toBe(given.unit);
    expect(deadline.dueAtEpochMs).toBe(Date.parse(given.dueAt));
    const skipped = deadline.explanation.skipped.map((day) => day.date);
    const counted = deadline.explanation.counted.map((day) => day.date);
    expect(skipped).toEqual(expect.arrayContaining(given.skips ?? []));
    expect(counted).toEqual(expect.arrayContaining(given.counts ?? []));
    expect(deadline.explanation.text[deadline.explanation.text.length - 1]).toMatch(/^처리기한: /);
  });

  it('explains an hour count: the spans counted per day, and each day skipped with its reason', () => {
    const deadline = computeDeadline(createBusinessCalendar(), {
      rule: 'civil-petition',
      receivedAt: '2027-02-05T10:00:00+09:00',
      period: { unit: 'days', amount: 2 },
    });
    expect(deadline.explanation.counted).toEqual([
      {
        date: '2027-02-05',
        weekday: 'fri',
        spans: [
          { from: '10:00', to: '12:00' },
          { from: '13:00', to: '18:00' },
        ],
        minutes: 420,
      },
      {
        date: '2027-02-10',
        weekday: 'wed',
        spans: [
          { from: '09:00', to: '12:00' },
          { from: '13:00', to: '18:00' },
        ],
        minutes: 480,
      },
      { date: '2027-02-11', weekday: 'thu', spans: [{ from: '09:00', to: '10:00' }], minutes: 60 },
    ]);
    expect(deadline.explanation.skipped).toEqual([
      { date: '2027-02-06', weekday: 'sat', reasons: [{ kind: 'weekend' }, { kind: 'holiday', names: ['설날 전날'] }] },
      { date: '2027-02-07', weekday: 'sun', reasons: [{ kind: 'weekend' }, { kind: 'holiday', names: ['설날'] }] },
      { date: '2027-02-08', weekday: 'mon', reasons: [{ kind: 'holiday', names: ['설날 다음 날'] }] },
      { date: '2027-02-09', weekday: 'tue', reasons: [{ kind: 'holiday', names: ['대체공휴일(설날)'] }] },
    ]);
    expect(deadline.explanation.totals).toEqual({ workingMinutes: 960 });
    expect(deadline.explanation.countingFrom).toBe('2027-02-05T10:00:00+09:00');
    expect(deadline.explanation.text).toEqual([
      expect.stringContaining('근무시간 16시간'),
      '접수: 2027-02-05(금) 10:00',
      '산입: 2027-02-05(금) 10:00–12:00, 13:00–18:00 (7시간); 2027-02-10(수) 09:00–12:00, 13:00–18:00 (8시간); 2027-02-11(목) 09:00–10:00 (1시간)',
      '산입한 근무시간: 16시간',
      '제외: 2027-02-06(토) 토요일, 설날 전날(공휴일); 2027-02-07(일) 일요일, 설날(공휴일); 2027-02-08(월) 설날 다음 날(공휴일); 2027-02-09(화) 대체공휴일(설날)',
      '처리기한: 2027-02-11(목) 10:00',
    ]);
  });

  it('explains a day count: each day with its ordinal, the stopped days with the period, the after-hours receipt day', () => {
    const deadline = computeDeadline(createBusinessCalendar(), {
      rule: 'civil-petition',
      receivedAt: '2026-03-06T18:30:00+09:00', // Friday, after hours: Monday 3/9 is day 1
      period: { unit: 'days', amount: 6 },
      excluded: [{ kind: 'days', from: '2026-03-10', to: '2026-03-11', label: '보완요구' }],
    });
    // Hand count: 3/9 (1), 3/10-3/11 stopped, 3/12 (2), 3/13 (3), 3/16 (4), 3/17 (5), 3/18 (6) → Wed 3/18 18:00.
    expect(deadline.dueAt).toBe('2026-03-18T18:00:00+09:00');
    expect(deadline.explanation.countingFrom).toBe('2026-03-09');
    expect(deadline.explanation.counted.map((day) => [day.date, day.ordinal])).toEqual([
      ['2026-03-09', 1],
      ['2026-03-12', 2],
      ['2026-03-13', 3],
      ['2026-03-16', 4],
      ['2026-03-17', 5],
      ['2026-03-18', 6],
    ]);
    expect(deadline.explanation.skipped.slice(0, 5)).toEqual([
      { date: '2026-03-06', weekday: 'fri', reasons: [{ kind: 'after-hours' }] },
      { date: '2026-03-07', weekday: 'sat', reasons: [{ kind: 'weekend' }] },
      { date: '2026-03-08', weekday: 'sun', reasons: [{ kind: 'weekend' }] },
      {
        date: '2026-03-10',
        weekday: 'tue',
        reasons: [{ kind: 'clock-stopped', period: '2026-03-10/2026-03-11', label: '보완요구' }],
      },
      {
        date: '2026-03-11',
        weekday: 'wed',
        reasons: [{ kind: 'clock-stopped', period: '2026-03-10/2026-03-11', label: '보완요구' }],
      },
    ]);
    expect(deadline.explanation.text).toContain('산입한 근무일: 6일');
    expect(deadline.explanation.text.join('\n')).toContain(
      '2026-03-10(화) 처리기간 정지(보완요구 2026-03-10/2026-03-11)',
    );
  });

  it('shows the stopped part of a day when an instant clock-stop covers only some of its working time', () => {
    const deadline = computeDeadline(createBusinessCalendar(), {
      rule: 'civil-petition',
      receivedAt: '2026-03-09T10:00:00+09:00',
      period: { unit: 'hours', amount: 16 },
      excluded: ['2026-03-09T15:00:00+09:00/2026-03-10T11:00:00+09:00'],
    });
    const period = '2026-03-09T15:00:00+09:00/2026-03-10T11:00:00+09:00';
    expect(deadline.explanation.skipped).toEqual([
      { date: '2026-03-09', weekday: 'mon', from: '15:00', to: '18:00', reasons: [{ kind: 'clock-stopped', period }] },
      { date: '2026-03-10', weekday: 'tue', from: '09:00', to: '11:00', reasons: [{ kind: 'clock-stopped', period }] },
    ]);
    expect(deadline.explanation.counted.map((day) => day.minutes)).toEqual([240, 360, 360]);
  });

  it('counts a whole-day stop in working days even when the stop was given as instants: the sending and arrival days are stopped too', () => {
    // Stop from Tue 3/10 17:00 to Thu 3/12 10:00 touches 3/10, 3/11, 3/12. 6 days from Mon 3/9: 3/9, 3/13, 3/16-3/19 → Thu 3/19.
    const deadline = computeDeadline(createBusinessCalendar(), {
      rule: 'civil-petition',
      receivedAt: '2026-03-09T10:00:00+09:00',
      period: { unit: 'days', amount: 6 },
      excluded: ['2026-03-10T17:00:00+09:00/2026-03-12T10:00:00+09:00'],
    });
    expect(deadline.dueAt).toBe('2026-03-19T18:00:00+09:00');
  });

  it('explains the 민법 roll-forward of a calendar period', () => {
    const deadline = computeDeadline(createBusinessCalendar(), {
      rule: 'civil-petition',
      receivedAt: '2026-01-15T10:00:00+09:00',
      period: { unit: 'months', amount: 1 },
    });
    expect(deadline.explanation.rolledForward).toEqual({ from: '2026-02-14', to: '2026-02-19' });
    expect(deadline.explanation.totals).toEqual({ calendarDays: 31 }); // 1/15-2/14
    expect(deadline.explanation.countingFrom).toBe('2026-01-15');
  });

  it('moves the due date back when an administrator withdraws a holiday (전국동시지방선거 Wed 2026-06-03)', () => {
    // 16 h from Tue 6/2 10:00: Tue 7 h; with the holiday: Thu 6/4 8 h, Fri 6/5 1 h → 10:00; withdrawn: Wed 8 h, Thu 1 h → Thu 10:00.
    const request = {
      rule: 'civil-petition',
      receivedAt: '2026-06-02T10:00:00+09:00',
      period: { unit: 'days', amount: 2 },
    } as const;
    expect(computeDeadline(createBusinessCalendar(), request).dueAt).toBe('2026-06-05T10:00:00+09:00');
    expect(computeDeadline(createBusinessCalendar({ withdrawn: ['2026-06-03'] }), request).dueAt).toBe(
      '2026-06-04T10:00:00+09:00',
    );
  });

  describe('refuses what it cannot count', () => {
    const calendar = createBusinessCalendar();
    const attempt = (request: Partial<Parameters<typeof computeDeadline>[1]>) => () =>
      computeDeadline(calendar, {
        rule: 'civil-petition',
        receivedAt: '2026-03-09T10:00:00+09:00',
        period: { unit: 'days', amount: 3 },
        ...request,
      });
    const failure = (run: () => unknown): CalendarError => {
      try {
        run();
      } catch (error) {
        if (error instanceof CalendarError) return error;
        throw error;
      }
      throw new Error('expected a CalendarError');
    };

    it('a deadline past the data horizon (6 days from Tue 2027-12-28 reaches 2028-01-01): an error that says so, not a guess', () => {
      const error = failure(attempt({ receivedAt: '2027-12-28T10:00:00+09:00', period: { unit: 'days', amount: 6 } }));
      expect(error.code).toBe('OUT_OF_HORIZON');
      expect(error.message).toContain(
        '2028-01-01 is beyond the holiday data (@hyunbinseo/holidays-kr 5.2027.1 covers 2018-01-01 to 2027-12-31)',
      );
    });

    it('a receipt past the horizon, and one before it', () => {
      expect(failure(attempt({ receivedAt: '2028-01-03T10:00:00+09:00' })).code).toBe('OUT_OF_HORIZON');
      expect(failure(attempt({ receivedAt: '2017-12-29T10:00:00+09:00' })).code).toBe('OUT_OF_HORIZON');
    });

    it.each([
      ['a receipt without an offset', { receivedAt: '2026-03-09T10:00:00' }, 'receivedAt'],
      ['a receipt that is no date', { receivedAt: '2026-02-30T10:00:00+09:00' }, 'receivedAt'],
      ['a negative period', { period: { unit: 'days', amount: -1 } }, 'days'],
      ['a zero period', { period: { unit: 'hours', amount: 0 } }, 'hours'],
      ['a fractional period', { period: { unit: 'days', amount: 1.5 } }, 'days'],
      ['an inverted excluded range', { excluded: ['2026-03-12/2026-03-10'] }, 'excluded'],
      [
        'an inverted excluded instant range',
        { excluded: ['2026-03-12T10:00:00+09:00/2026-03-12T09:00:00+09:00'] },
        'excluded',
      ],
      [
        'an excluded range that mixes a date and an instant',
        { excluded: ['2026-03-12/2026-03-13T10:00:00+09:00'] },
        'excluded',
      ],
      ['an excluded value that is no range', { excluded: ['2026-03-12'] }, 'excluded'],
      ['an unknown rule', { rule: 'procurement-notice' }, 'rule'],
    ] as const)('%s, naming the parameter', (_what, request, parameter) => {
      const error = failure(attempt(request));
      expect(error.parameter).toBe(parameter);
      expect(error.message).toContain(parameter);
    });
  });
});
