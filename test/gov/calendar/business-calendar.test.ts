/** Which days are working days, on the real 2026-2027 data, with declared and withdrawn days. */
import { CalendarError, createBusinessCalendar } from '../../../gov/calendar';

describe('the business calendar', () => {
  const calendar = createBusinessCalendar();

  it('knows 설날 2027 and its substitute: Sat 2/6 and Sun 2/7 are weekend and holiday, Mon 2/8 and Tue 2/9 (대체공휴일) are holidays, Wed 2/10 works', () => {
    expect(calendar.dayOff('2027-02-06')).toEqual([{ kind: 'weekend' }, { kind: 'holiday', names: ['설날 전날'] }]);
    expect(calendar.dayOff('2027-02-07')).toEqual([{ kind: 'weekend' }, { kind: 'holiday', names: ['설날'] }]);
    expect(calendar.dayOff('2027-02-08')).toEqual([{ kind: 'holiday', names: ['설날 다음 날'] }]);
    expect(calendar.dayOff('2027-02-09')).toEqual([{ kind: 'holiday', names: ['대체공휴일(설날)'] }]);
    expect(calendar.isWorkingDay('2027-02-10')).toBe(true);
  });

  it('gives 추석 2026 (Thu 9/24-Sat 9/26) no substitute: a Saturday overlap does not count for 설날 and 추석, so Mon 9/28 works', () => {
    expect(calendar.dayOff('2026-09-26')).toEqual([{ kind: 'weekend' }, { kind: 'holiday', names: ['추석 다음 날'] }]);
    expect(calendar.isWorkingDay('2026-09-28')).toBe(true);
  });

  it('counts Saturdays and Sundays as days off, and an ordinary Monday as a working day', () => {
    expect(calendar.dayOff('2026-03-07')).toEqual([{ kind: 'weekend' }]);
    expect(calendar.dayOff('2026-03-08')).toEqual([{ kind: 'weekend' }]);
    expect(calendar.dayOff('2026-03-09')).toEqual([]);
  });

  it('adds days an administrator declares and removes holidays an administrator withdraws', () => {
    const adjusted = createBusinessCalendar({
      declared: [{ date: '2026-03-04', name: '임시공휴일' }],
      withdrawn: ['2026-06-03', '2026-03-09'],
    });
    expect(adjusted.dayOff('2026-03-04')).toEqual([{ kind: 'declared', name: '임시공휴일' }]);
    expect(adjusted.isWorkingDay('2026-06-03')).toBe(true); // 전국동시지방선거 withdrawn
    expect(adjusted.isWorkingDay('2026-03-09')).toBe(true); // withdrawing a day that is no holiday changes nothing
    expect(adjusted.holidays(2026)).toEqual(
      expect.arrayContaining([
        { date: '2026-03-04', names: ['임시공휴일'], kind: 'declared' },
        { date: '2026-06-03', names: ['전국동시지방선거'], kind: 'withdrawn' },
      ]),
    );
  });

  it("lists a year's holidays in date order: 2027 has 24 statutory days, from 1월 1일 to 대체공휴일(기독탄신일) on Mon 12/27", () => {
    const holidays = calendar.holidays(2027);
    expect(holidays).toHaveLength(24);
    expect(holidays[0]).toEqual({ date: '2027-01-01', names: ['1월 1일'], kind: 'statutory' });
    expect(holidays[holidays.length - 1]).toEqual({
      date: '2027-12-27',
      names: ['대체공휴일(기독탄신일)'],
      kind: 'statutory',
    });
  });

  it('refuses dates and years beyond the data horizon (2018-2027), saying so', () => {
    expect(calendar.horizon).toEqual({
      first: '2018-01-01',
      last: '2027-12-31',
      source: '@hyunbinseo/holidays-kr 5.2027.1',
    });
    expect(() => calendar.dayOff('2028-01-03')).toThrow(/2028-01-03 is beyond the holiday data/);
    expect(() => calendar.holidays(2028)).toThrow(CalendarError);
    expect(() => calendar.holidays(2017)).toThrow(/year 2017 is beyond the holiday data/);
  });

  it('refuses declared and withdrawn days that are not dates', () => {
    expect(() => createBusinessCalendar({ declared: [{ date: '2026-02-30', name: 'x' }] })).toThrow(/declared.date/);
    expect(() => createBusinessCalendar({ withdrawn: ['tomorrow'] })).toThrow(/withdrawn/);
  });
});
