/**
 * Records metadata as the API shows it (docs/records.md): an approval document's 처리과, registration numbers,
 * retention and disclosure, and the records officer's list of documents whose retention runs out.
 */
import { z } from 'zod';
import type { LocalDate } from '../../gov/calendar/local-date';
import type { Prisma } from '../../platform/db';
import { DisclosureClass, RegistrationKind, RetentionPeriod, type Registration } from '../../prisma/generated/client';
import { AppError } from '../../shared/app-error';
import type { Caller } from '../auth/ability';
import type { ServiceDeps } from '../deps';
import { isUuid } from '../validation';
import { instant, localDate, rowId } from './answer-fields';

/** A registration number (생산·접수 등록번호) as a document or a receipt shows it. */
export const registrationAnswer = z.object({
  kind: z.enum(RegistrationKind),
  number: z.string(),
  year: z.number().int(),
  serial: z.number().int(),
  registeredAt: instant,
});

/** An approval document's records fields (withRecordsFields). */
export const documentRecordsView = {
  retention: z.enum(RetentionPeriod),
  disclosure: z.enum(DisclosureClass),
  nonDisclosureGrounds: z.array(z.number().int()),
  retentionEndsAt: localDate.nullable(),
  registrations: z.array(registrationAnswer),
};

export const retentionPageAnswer = z.object({
  items: z.array(
    z.object({
      id: rowId,
      title: z.string(),
      documentType: z.string(),
      processingUnit: z.object({ code: z.string(), name: z.string() }).nullable(),
      productionNumber: z.string().nullable(),
      approvedAt: instant.nullable(),
      retention: z.enum(RetentionPeriod),
      retentionEndsAt: localDate.nullable(),
      disclosure: z.enum(DisclosureClass),
      nonDisclosureGrounds: z.array(z.number().int()),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** What an approval document's reads include for its records fields. */
export const recordsInclude = {
  processingUnit: { select: { id: true, code: true, name: true } },
  registrations: { orderBy: { registeredAt: 'asc' } },
} as const satisfies Prisma.ApprovalDocumentInclude;

type RecordsRow = { processingUnitId: string | null; retentionEndsAt: Date | null; registrations: Registration[] };

/** A document row's records fields for the client: the retention end as a date, the registrations without keys. */
export function withRecordsFields<Row extends RecordsRow>(row: Row) {
  const { processingUnitId: _unitId, retentionEndsAt, registrations, ...fields } = row;
  return {
    ...fields,
    retentionEndsAt: retentionEndsAt && dateOnly(retentionEndsAt),
    registrations: registrations.map(
      ({ kind, number, year, serial, registeredAt }): z.input<typeof registrationAnswer> => ({
        kind,
        number,
        year,
        serial,
        registeredAt,
      }),
    ),
  };
}

export interface RetentionQuery {
  expiringBefore: LocalDate;
  cursor?: string;
  limit: number;
}

/** A CSV answers the whole list at once, up to this many documents. */
export const RETENTION_CSV_LIMIT = 10_000;

/**
 * Approved documents whose retention ends before `expiringBefore`, soonest first, a page at a time. Classified
 * documents are left out: the security officer's register schedules their disposal by the 예고문.
 */
export async function listRetentionExpiry(
  deps: ServiceDeps,
  { ability }: Caller,
  query: RetentionQuery,
): Promise<z.input<typeof retentionPageAnswer>> {
  if (!ability.can('read', 'RecordsRegister')) {
    throw new AppError('FORBIDDEN', 'Only the records officer (an administrator) reads the retention expiry list.');
  }
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const rows = await deps.prisma.approvalDocument.findMany({
    where: {
      state: 'APPROVED',
      classification: null,
      retentionEndsAt: { lt: new Date(`${query.expiringBefore}T00:00:00Z`) },
      ...(after && {
        OR: [
          { retentionEndsAt: { gt: new Date(`${after.endsOn}T00:00:00Z`) } },
          { retentionEndsAt: new Date(`${after.endsOn}T00:00:00Z`), id: { gt: after.id } },
        ],
      }),
    },
    include: { processingUnit: { select: { code: true, name: true } }, registrations: true },
    orderBy: [{ retentionEndsAt: 'asc' }, { id: 'asc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      title: row.title,
      documentType: row.documentType,
      processingUnit: row.processingUnit,
      productionNumber: row.registrations.find((registration) => registration.kind === 'PRODUCTION')?.number ?? null,
      approvedAt: row.closedAt,
      retention: row.retention,
      retentionEndsAt: row.retentionEndsAt && dateOnly(row.retentionEndsAt),
      disclosure: row.disclosure,
      nonDisclosureGrounds: row.nonDisclosureGrounds,
    })),
    nextCursor: rows.length > query.limit && last?.retentionEndsAt ? encodeCursor(last.retentionEndsAt, last.id) : null,
  };
}

function dateOnly(date: Date): LocalDate {
  return date.toISOString().slice(0, 10);
}

/** The cursor names the last row of a page by its sort key, so a page is the same however many pages came before. */
function encodeCursor(endsAt: Date, id: string): string {
  return Buffer.from(JSON.stringify([dateOnly(endsAt), id])).toString('base64url');
}

function decodeCursor(cursor: string): { endsOn: LocalDate; id: string } {
  try {
    const [endsOn, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof endsOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(endsOn) && typeof id === 'string' && isUuid(id)) {
      return { endsOn, id };
    }
  } catch {
    // Not JSON: answered below like any other foreign cursor.
  }
  throw new AppError('VALIDATION_FAILED', 'Invalid query: cursor: pass the nextCursor of the previous page unchanged');
}
