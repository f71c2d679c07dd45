/**
 * Which days are working days: Monday to Friday, less the statutory holidays, less the days an administrator
 * declared (임시공휴일 not yet in the data, an agency's own closure), plus the statutory holidays an administrator
 * withdrew. Declared and withdrawn days come in as data (the API reads them from PostgreSQL; the interpreter will
 * get them through an activity), so the calendar itself stays pure.
 */
import { CalendarError } from './errors';
import { horizonOf, statutoryHolidays, type HolidayData, type Horizon } from './holiday-data';
import { parseLocalDate, weekday, type LocalDate } from './local-date';

export interface DeclaredDay {
  date: LocalDate;
  name: string;
}

export interface CalendarOverrides {
  declared?: readonly DeclaredDay[];
  /** Statutory holidays that are working days after all. A withdrawn date that is no holiday changes nothing. */
  withdrawn?: readonly LocalDate[];
}

/** Why a day is not a working day. A day can have several reasons (추석 다음 날 on a Saturday). */
export type DayOffReason =
  { kind: 'weekend' } | { kind: 'holiday'; names: readonly string[] } | { kind: 'declared'; name: string };

export interface HolidayEntry {
  date: LocalDate;
  names: readonly string[];
  /** statutory: from the data; declared: by an administrator; withdrawn: a statutory holiday that is now a working day. */
  kind: 'statutory' | 'declared' | 'withdrawn';
}

export interface BusinessCalendar {
  readonly horizon: Horizon;
  /** The reasons the date is not a working day; empty for a working day. Throws OUT_OF_HORIZON outside the data. */
  dayOff(date: LocalDate): readonly DayOffReason[];
  isWorkingDay(date: LocalDate): boolean;
  /** A year's holidays, declared days and withdrawn holidays, by date. Throws OUT_OF_HORIZON outside the data. */
  holidays(year: number): HolidayEntry[];
}

export function createBusinessCalendar(
  overrides: CalendarOverrides = {},
  data: HolidayData = statutoryHolidays,
): BusinessCalendar {
  const horizon = horizonOf(data);
  const declared = new Map(
    (overrides.declared ?? []).map((day) => [parseLocalDate(day.date, 'declared.date'), day.name]),
  );
  const withdrawn = new Set((overrides.withdrawn ?? []).map((date) => parseLocalDate(date, 'withdrawn')));

  const statutory = (date: LocalDate): readonly string[] | undefined => {
    if (date < horizon.first || date > horizon.last) {
      throw new CalendarError(
        'OUT_OF_HORIZON',
        `${date} is beyond the holiday data (${horizon.source} covers ${horizon.first} to ${horizon.last}); ` +
          'a deadline cannot be counted there until the data is updated.',
      );
    }
    return data.years[Number(date.slice(0, 4))]?.[date];
  };

  const dayOff = (date: LocalDate): readonly DayOffReason[] => {
    const reasons: DayOffReason[] = [];
    const day = weekday(date);
    if (day === 'sat' || day === 'sun') reasons.push({ kind: 'weekend' });
    const names = statutory(date);
    if (names && !withdrawn.has(date)) reasons.push({ kind: 'holiday', names });
    const declaredName = declared.get(date);
    if (declaredName !== undefined) reasons.push({ kind: 'declared', name: declaredName });
    return reasons;
  };

  const holidays = (year: number): HolidayEntry[] => {
    if (!Number.isInteger(year) || `${year}-01-01` < horizon.first || `${year}-12-31` > horizon.last) {
      throw new CalendarError(
        'OUT_OF_HORIZON',
        `year ${year} is beyond the holiday data (${horizon.source} covers ${horizon.first} to ${horizon.last}).`,
        'year',
      );
    }
    const entries: HolidayEntry[] = Object.entries(data.years[year] ?? {}).map(([date, names]) => ({
      date,
      names,
      kind: withdrawn.has(date) ? 'withdrawn' : 'statutory',
    }));
    for (const [date, name] of declared) {
      if (Number(date.slice(0, 4)) === year) entries.push({ date, names: [name], kind: 'declared' });
    }
    return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  };

  return { horizon, dayOff, isWorkingDay: (date) => dayOff(date).length === 0, holidays };
}
