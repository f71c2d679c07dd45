/**
 * The administrators' changes to the statutory calendar (HolidayOverride rows), as the pure calculator and the
 * interpreter take them, and the hand-over of a changed calendar to the running instances that count legal time.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { createBusinessCalendar, type BusinessCalendar, type CalendarOverrides, type LocalDate } from '../gov/calendar';
import { calendarChangedSignal } from '../shared/workflow-contract';
import type { Prisma, PrismaClient } from '../platform/db';
import type { EngineDeps } from './deps';

type Db = PrismaClient | Prisma.TransactionClient;

export async function loadOverrides(db: Db): Promise<CalendarOverrides> {
  const overrides = await db.holidayOverride.findMany({ orderBy: { date: 'asc' } });
  return {
    declared: overrides
      .filter((row) => row.kind === 'DECLARED')
      .map((row) => ({ date: toLocalDate(row.date), name: row.name })),
    withdrawn: overrides.filter((row) => row.kind === 'WITHDRAWN').map((row) => toLocalDate(row.date)),
  };
}

/** The business calendar as of now: statutory holidays, plus the days declared, less the days withdrawn. */
export async function loadCalendar(db: Db): Promise<BusinessCalendar> {
  return createBusinessCalendar(await loadOverrides(db));
}

/**
 * Hands the changed calendar to every running instance that counts legal time, so that its due dates and timers
 * move; each instance records what moved. Returns how many instances were told.
 */
export async function broadcastCalendar({ prisma, temporal, logger }: EngineDeps): Promise<number> {
  const overrides = await loadOverrides(prisma);
  const instances = await prisma.processInstance.findMany({
    where: { state: 'ACTIVE', definition: { graph: { path: ['usesLegalTime'], equals: true } } },
    select: { id: true },
  });
  const results = await Promise.allSettled(
    instances.map(({ id }) => temporal.workflow.getHandle(id).signal(calendarChangedSignal, overrides)),
  );
  const failed = results.filter(
    (result) => result.status === 'rejected' && !(result.reason instanceof WorkflowNotFoundError),
  );
  if (failed.length > 0)
    logger.error({ failed: failed.length, of: instances.length }, 'some instances did not receive the calendar change');
  return instances.length;
}

export function toLocalDate(date: Date): LocalDate {
  return date.toISOString().slice(0, 10);
}
