/**
 * The statutory holidays (관공서의 공휴일에 관한 규정) as published in the official gazette's 월력요항, from
 * @hyunbinseo/holidays-kr: one static object per year, with substitute holidays (대체공휴일), election days and
 * temporary holidays already in them. The package is pure ESM data with no dependencies, so it bundles into the
 * workflow sandbox. Its years are the calculator's horizon: a date outside them is an error, never a guess.
 */
import { y2018, y2019, y2020, y2021, y2022, y2023, y2024, y2025, y2026, y2027 } from '@hyunbinseo/holidays-kr/all';
import type { LocalDate } from './local-date';

/** Holiday names by date, for each covered year. */
export interface HolidayData {
  /** Where the data comes from, for error messages and explanations. */
  source: string;
  years: Readonly<Record<number, Readonly<Record<LocalDate, readonly string[]>>>>;
}

/** Bump together with the package: the source string tells an administrator which edition the horizon comes from. */
export const statutoryHolidays: HolidayData = {
  source: '@hyunbinseo/holidays-kr 5.2027.1',
  years: {
    2018: y2018,
    2019: y2019,
    2020: y2020,
    2021: y2021,
    2022: y2022,
    2023: y2023,
    2024: y2024,
    2025: y2025,
    2026: y2026,
    2027: y2027,
  },
};

export interface Horizon {
  first: LocalDate;
  last: LocalDate;
  source: string;
}

/** The first and last dates the data covers; its years must be contiguous, or a missing year would read as "no holidays". */
export function horizonOf(data: HolidayData): Horizon {
  const years = Object.keys(data.years)
    .map(Number)
    .sort((a, b) => a - b);
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) throw new Error(`The holiday data ${data.source} covers no year.`);
  if (last - first + 1 !== years.length)
    throw new Error(`The holiday data ${data.source} has a gap between ${first} and ${last}.`);
  return { first: `${first}-01-01`, last: `${last}-12-31`, source: data.source };
}
