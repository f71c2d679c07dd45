/**
 * Legal time for the API: deadlines counted by gov/calendar on the statutory holidays plus the administrators'
 * changes (HolidayOverride rows, handed to the pure calculator as data), and those changes themselves, each audited
 * and handed to the running instances that count legal time.
 */
import { z } from 'zod';
import {
  CalendarError,
  computeDeadline,
  ruleNames,
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
import { kstInstant, localDate } from './answer-fields';

const weekday = z.enum(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']);

/** A statutory period (gov/calendar/deadline.ts): N units, or 즉시. */
export const periodAnswer = z.union([
  z.object({ unit: z.enum(['hours', 'days', 'weeks', 'months', 'years']), amount: z.number().int() }),
  z.object({ unit: z.literal('immediately') }),
]);

/** Why a day, or part of one, was not counted (gov/calendar/working-time.ts). */
const skipReason = z.union([
  z.object({ kind: z.literal('weekend') }),
  z.object({ kind: z.literal('holiday'), names: z.array(z.string()).readonly() }),
  z.object({ kind: z.literal('declared'), name: z.string() }),
  z.object({ kind: z.literal('clock-stopped'), period: z.string(), label: z.string().optional() }),
  z.object({ kind: z.literal('after-hours') }),
]);

/** How a deadline was counted, as data and as Korean sentences (gov/calendar/explanation.ts). */
export const explanationAnswer = z.object({
  receivedAt: kstInstant,
  countingFrom: z.string().describe('The instant the count started (working hours), or its first day'),
  counted: z.array(
    z.object({
      date: localDate,
      weekday,
      spans: z.array(z.object({ from: z.string(), to: z.string() })).optional(),
      minutes: z.number().int().optional(),
      ordinal: z.number().int().optional(),
    }),
  ),
  skipped: z.array(
    z.object({
      date: localDate,
      weekday,
      from: z.string().optional(),
      to: z.string().optional(),
      reasons: z.array(skipReason),
    }),
  ),
  totals: z.object({
    workingMinutes: z.number().int().optional(),
    workingDays: z.number().int().optional(),
    calendarDays: z.number().int().optional(),
  }),
  rolledForward: z.object({ from: localDate, to: localDate }).optional(),
  text: z.array(z.string()),
});

export const deadlineAnswer = z.object({
  rule: z.enum(ruleNames),
  period: periodAnswer,
  unit: z.enum(['working-hours', 'working-days', 'calendar']),
  dueAt: kstInstant,
  dueAtEpochMs: z.number().int(),
  explanation: explanationAnswer,
});

const holidayAnswer = z.object({
  date: localDate,
  names: z.array(z.string()).readonly(),
  kind: z.enum(['statutory', 'declared', 'withdrawn']),
});
export const holidayListAnswer = z.object({
  year: z.number().int(),
  source: z.string(),
  items: z.array(holidayAnswer),
});
export const declaredHolidayAnswer = holidayAnswer;

export async function deadline(
  { prisma }: ServiceDeps,
  caller: Caller,
  request: DeadlineRequest,
): Promise<Deadline & z.input<typeof deadlineAnswer>> {
  requireRead(caller);
  const calendar = await loadCalendar(prisma);
  return withCalendarErrors(() => computeDeadline(calendar, request));
}

export async function listHolidays(
  { prisma }: ServiceDeps,
  caller: Caller,
  year: number,
): Promise<z.input<typeof holidayListAnswer>> {
  requireRead(caller);
  const calendar = await loadCalendar(prisma);
  return { year, source: calendar.horizon.source, items: withCalendarErrors(() => calendar.holidays(year)) };
}

/** Declares a day a holiday; a withdrawn statutory holiday declared again is simply restored. */
export async function declareHoliday(
  deps: ServiceDeps,
  caller: Caller,
  input: { date: LocalDate; name: string },
): Promise<z.input<typeof declaredHolidayAnswer>> {
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
