/**
 * Legal time for the API: deadlines counted by gov/calendar on the statutory holidays plus the administrators'
 * changes (HolidayOverride rows, handed to the pure calculator as data), and those changes themselves, each audited.
 */
import {
  CalendarError,
  computeDeadline,
  createBusinessCalendar,
  type BusinessCalendar,
  type Deadline,
  type DeadlineRequest,
  type LocalDate,
} from '../../gov/calendar';
import { AppError } from '../../shared/app-error';
import type { Prisma, PrismaClient } from '../../platform/db';
import { calendarChangedSignal } from '../../shared/workflow-contract';
import { loadOverrides } from '../../platform/calendar';
import type { Principal } from '../auth/ability';
import type { AppDeps } from '../deps';
import { WorkflowNotFoundError } from '@temporalio/client';

type Db = PrismaClient | Prisma.TransactionClient;

export { loadOverrides };

/** The business calendar as of now: statutory holidays, plus the days declared, less the days withdrawn. */
export async function loadCalendar(db: Db): Promise<BusinessCalendar> {
  return createBusinessCalendar(await loadOverrides(db));
}

/**
 * Hands the changed calendar to every running instance that counts legal time, so that its due dates and timers
 * move; each instance records what moved. Returns how many instances were told.
 */
export async function broadcastCalendar({
  prisma,
  temporal,
  logger,
}: Pick<AppDeps, 'prisma' | 'temporal' | 'logger'>): Promise<number> {
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

export async function deadline(prisma: PrismaClient, request: DeadlineRequest): Promise<Deadline> {
  const calendar = await loadCalendar(prisma);
  return withCalendarErrors(() => computeDeadline(calendar, request));
}

export async function listHolidays(prisma: PrismaClient, year: number) {
  const calendar = await loadCalendar(prisma);
  return { year, source: calendar.horizon.source, items: withCalendarErrors(() => calendar.holidays(year)) };
}

/** Declares a day a holiday; a withdrawn statutory holiday declared again is simply restored. */
export async function declareHoliday(
  prisma: PrismaClient,
  principal: Principal,
  input: { date: LocalDate; name: string },
) {
  return prisma.$transaction(async (tx) => {
    await lockCalendar(tx);
    const calendar = await loadCalendar(tx);
    const reasons = withCalendarErrors(() => calendar.dayOff(input.date), 'date');
    const existing = await tx.holidayOverride.findUnique({ where: { date: toDbDate(input.date) } });
    if (existing?.kind === 'WITHDRAWN') {
      await tx.holidayOverride.delete({ where: { date: existing.date } });
      await audit(tx, principal, 'holiday.restored', input.date, { name: existing.name });
      return { date: input.date, names: [existing.name], kind: 'statutory' as const };
    }
    const taken = reasons.find((reason) => reason.kind === 'holiday' || reason.kind === 'declared');
    if (taken) {
      const names = taken.kind === 'holiday' ? taken.names.join('·') : taken.name;
      throw new AppError('CONFLICT', `${input.date} is already a holiday (${names}).`);
    }
    await tx.holidayOverride.create({
      data: { date: toDbDate(input.date), kind: 'DECLARED', name: input.name, createdBy: principal.username },
    });
    await audit(tx, principal, 'holiday.declared', input.date, { name: input.name });
    return { date: input.date, names: [input.name], kind: 'declared' as const };
  });
}

/** Withdraws a declared day (the row goes) or a statutory holiday (a WITHDRAWN row makes it a working day). */
export async function withdrawHoliday(prisma: PrismaClient, principal: Principal, date: LocalDate): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await lockCalendar(tx);
    const calendar = await loadCalendar(tx);
    const reasons = withCalendarErrors(() => calendar.dayOff(date), 'date');
    const existing = await tx.holidayOverride.findUnique({ where: { date: toDbDate(date) } });
    if (existing?.kind === 'DECLARED') {
      await tx.holidayOverride.delete({ where: { date: existing.date } });
      await audit(tx, principal, 'holiday.withdrawn', date, { kind: 'declared', name: existing.name });
      return;
    }
    if (existing?.kind === 'WITHDRAWN')
      throw new AppError('CONFLICT', `The holiday on ${date} (${existing.name}) is already withdrawn.`);
    const statutory = reasons.find((reason) => reason.kind === 'holiday');
    if (!statutory) throw new AppError('NOT_FOUND', `${date} is not a holiday; there is nothing to withdraw.`);
    const name = statutory.names.join('·');
    await tx.holidayOverride.create({
      data: { date: toDbDate(date), kind: 'WITHDRAWN', name, createdBy: principal.username },
    });
    await audit(tx, principal, 'holiday.withdrawn', date, { kind: 'statutory', name });
  });
}

/** Serialises calendar changes, so two administrators cannot both pass the checks for the same date. */
async function lockCalendar(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('calendar:holidays'))`;
}

async function audit(
  tx: Prisma.TransactionClient,
  principal: Principal,
  action: string,
  date: LocalDate,
  details: Record<string, string>,
): Promise<void> {
  await tx.auditLog.create({
    data: { actor: principal.username, action, objectType: 'Holiday', objectId: date, details },
  });
}

/** Calculator errors as API errors: bad input is a 400 naming the parameter, a date past the data a 422. */
export function withCalendarErrors<T>(run: () => T, parameter?: string): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    if (error.code === 'OUT_OF_HORIZON') {
      throw new AppError(
        'CALENDAR_OUT_OF_RANGE',
        parameter && !error.parameter ? `${parameter}: ${error.message}` : error.message,
      );
    }
    throw new AppError('VALIDATION_FAILED', error.message);
  }
}

function toDbDate(date: LocalDate): Date {
  return new Date(`${date}T00:00:00Z`);
}
