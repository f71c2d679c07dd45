/** The administrators' changes to the statutory calendar, read for the API and for instances that count legal time. */
import type { CalendarOverrides, LocalDate } from '../gov/calendar';
import type { Prisma, PrismaClient } from './db';

type Db = PrismaClient | Prisma.TransactionClient;

/** The HolidayOverride rows as the pure calculator (and the interpreter) take them. */
export async function loadOverrides(db: Db): Promise<CalendarOverrides> {
  const overrides = await db.holidayOverride.findMany({ orderBy: { date: 'asc' } });
  return {
    declared: overrides
      .filter((row) => row.kind === 'DECLARED')
      .map((row) => ({ date: toLocalDate(row.date), name: row.name })),
    withdrawn: overrides.filter((row) => row.kind === 'WITHDRAWN').map((row) => toLocalDate(row.date)),
  };
}

export function toLocalDate(date: Date): LocalDate {
  return date.toISOString().slice(0, 10);
}
