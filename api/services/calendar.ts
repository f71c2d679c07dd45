/**
 * Legal time for the API: deadlines counted by gov/calendar on the statutory holidays plus the administrators'
 * changes (HolidayOverride rows, handed to the pure calculator as data), and those changes themselves, each audited
 * and handed to the running instances that count legal time.
 */
import {
  CalendarError,
  computeDeadline,
  type Deadline,
  type DeadlineRequest,
  type LocalDate,
} from '../../gov/calendar';
import { AppError } from '../../shared/app-error';
import { broadcastCalendar, loadCalendar } from '../../engine/calendar';
import type { Prisma } from '../../platform/db';
import type { Caller } from '../auth/ability';
import { engineDeps, type ServiceDeps } from '../deps';
import { appendAudit } from '../../engine/audit';

export async function deadline({ prisma }: ServiceDeps, caller: Caller, request: DeadlineRequest): Promise<Deadline> {
  requireRead(caller);
  const calendar = await loadCalendar(prisma);
  return withCalendarErrors(() => computeDeadline(calendar, request));
}

export async function listHolidays({ prisma }: ServiceDeps, caller: Caller, year: number) {
  requireRead(caller);
  const calendar = await loadCalendar(prisma);
  return { year, source: calendar.horizon.source, items: withCalendarErrors(() => calendar.holidays(year)) };
}

/** Declares a day a holiday; a withdrawn statutory holiday declared again is simply restored. */
export async function declareHoliday(deps: ServiceDeps, caller: Caller, input: { date: LocalDate; name: string }) {
  requireManage(caller);
  const declared = await storeDeclaration(deps, caller, input);
  await broadcastCalendar(engineDeps(deps));
  return declared;
}

/** Withdraws a declared day (the row goes) or a statutory holiday (a WITHDRAWN row makes it a working day). */
export async function withdrawHoliday(deps: ServiceDeps, caller: Caller, date: LocalDate): Promise<void> {
  requireManage(caller);
  await storeWithdrawal(deps, caller, date);
  await broadcastCalendar(engineDeps(deps));
}

function requireRead({ ability }: Caller): void {
  if (!ability.can('read', 'Holiday')) throw new AppError('FORBIDDEN', 'You may not read the calendar.');
}

function requireManage({ ability }: Caller): void {
  if (!ability.can('manage', 'Holiday'))
    throw new AppError('FORBIDDEN', 'Only administrators declare or withdraw holidays.');
}

function storeDeclaration({ prisma }: ServiceDeps, caller: Caller, input: { date: LocalDate; name: string }) {
  return prisma.$transaction(async (tx) => {
    await lockCalendar(tx);
    const calendar = await loadCalendar(tx);
    const reasons = withCalendarErrors(() => calendar.dayOff(input.date), 'date');
    const existing = await tx.holidayOverride.findUnique({ where: { date: toDbDate(input.date) } });
    if (existing?.kind === 'WITHDRAWN') {
      await tx.holidayOverride.delete({ where: { date: existing.date } });
      await audit(tx, caller, 'holiday.restored', input.date, { name: existing.name });
      return { date: input.date, names: [existing.name], kind: 'statutory' as const };
    }
    const taken = reasons.find((reason) => reason.kind === 'holiday' || reason.kind === 'declared');
    if (taken) {
      const names = taken.kind === 'holiday' ? taken.names.join('·') : taken.name;
      throw new AppError('CONFLICT', `${input.date} is already a holiday (${names}).`);
    }
    await tx.holidayOverride.create({
      data: { date: toDbDate(input.date), kind: 'DECLARED', name: input.name, createdBy: caller.principal.username },
    });
    await audit(tx, caller, 'holiday.declared', input.date, { name: input.name });
    return { date: input.date, names: [input.name], kind: 'declared' as const };
  });
}

async function storeWithdrawal({ prisma }: ServiceDeps, caller: Caller, date: LocalDate): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await lockCalendar(tx);
    const calendar = await loadCalendar(tx);
    const reasons = withCalendarErrors(() => calendar.dayOff(date), 'date');
    const existing = await tx.holidayOverride.findUnique({ where: { date: toDbDate(date) } });
    if (existing?.kind === 'DECLARED') {
      await tx.holidayOverride.delete({ where: { date: existing.date } });
      await audit(tx, caller, 'holiday.withdrawn', date, { kind: 'declared', name: existing.name });
      return;
    }
    if (existing?.kind === 'WITHDRAWN')
      throw new AppError('CONFLICT', `The holiday on ${date} (${existing.name}) is already withdrawn.`);
    const statutory = reasons.find((reason) => reason.kind === 'holiday');
    if (!statutory) throw new AppError('NOT_FOUND', `${date} is not a holiday; there is nothing to withdraw.`);
    const name = statutory.names.join('·');
    await tx.holidayOverride.create({
      data: { date: toDbDate(date), kind: 'WITHDRAWN', name, createdBy: caller.principal.username },
    });
    await audit(tx, caller, 'holiday.withdrawn', date, { kind: 'statutory', name });
  });
}

/** Serialises calendar changes, so two administrators cannot both pass the checks for the same date. */
async function lockCalendar(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('calendar:holidays'))`;
}

async function audit(
  tx: Prisma.TransactionClient,
  { principal, sourceAddress }: Caller,
  action: string,
  date: LocalDate,
  details: Record<string, string>,
): Promise<void> {
  await appendAudit(tx, {
    actor: principal.username,
    sourceAddress,
    action,
    objectType: 'Holiday',
    objectId: date,
    details,
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
