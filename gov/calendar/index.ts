/**
 * Korean legal time: the business calendar, working-time arithmetic and the statutory counting rules. Pure and
 * deterministic (no Node built-ins, no I/O, no clock), so it runs in the API and in the workflow sandbox alike.
 */
export {
  createBusinessCalendar,
  type BusinessCalendar,
  type CalendarOverrides,
  type DayOffReason,
  type DeclaredDay,
  type HolidayEntry,
} from './business-calendar';
export { formatClockStop, parseClockStop, type ClockStop } from './clock-stop';
export {
  computeDeadline,
  type CountingUnit,
  type Deadline,
  type DeadlineRequest,
  type Period,
  type PeriodUnit,
  type StatutoryRule,
} from './deadline';
export { CalendarError, type CalendarErrorCode } from './errors';
export { koreanReason, type CountedDay, type Explanation, type SkippedDay } from './explanation';
export { statutoryHolidays, type HolidayData, type Horizon } from './holiday-data';
export { formatKst, isLocalDate, parseInstant, type Instant, type LocalDate, type Weekday } from './local-date';
export { isRuleName, ruleNames, type RuleName } from './rules';
export { GOVERNMENT_WORKING_TIME, type SkipReason, type WorkingWindow } from './working-time';
export { workingTimeBetween, workingTimesFrom, type WorkingTimeBetween } from './working-time-between';
