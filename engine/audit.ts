/**
 * The audit trail's one writer. Every audited change calls appendAudit with the transaction client of the write it
 * records, as the transaction's last statement, so the row exists exactly when the change does and the chain's head
 * is held only until the commit that follows (docs/audit.md). A change written as one statement carries its row in
 * that statement (auditInsert).
 */
import { Prisma, sqlJson, sqlTimestamp, type PrismaClient } from '../platform/db';

/** Who did what to which object, from where, with what outcome. */
export interface AuditEntry {
  /** The username; none for the engine itself. */
  actor?: string | null;
  action: string;
  objectType: string;
  objectId: string;
  details?: Prisma.InputJsonValue;
  /** The client's address, for actions that arrive through the API. */
  sourceAddress?: string | null;
  /** Whose personal data the action touched (a petitioner, a civil servant), when it did. */
  subject?: string | null;
  outcome?: AuditOutcome;
  /** When it happened, if not now: an activity records the time its workflow gave. */
  at?: Date;
}

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** A person acting through the API, as the operations they call name them for the audit trail. */
export interface AuditedPerson {
  id: string;
  username: string;
  /** The client's address. */
  sourceAddress?: string;
}

/** A transaction client, or the client itself for a write that is a single statement. */
export type AuditWriter = Prisma.TransactionClient | PrismaClient;

/**
 * Appends one row; the database's trigger chains it (sets prevHash and hash). A Prisma promise, so that it can also
 * be the last element of a batch `$transaction([...])`.
 */
export function appendAudit(db: AuditWriter, entry: AuditEntry): Prisma.PrismaPromise<unknown> {
  return db.auditLog.create({ data: auditRow(entry), select: { id: true } });
}

/** Several rows of one write, in order, in one statement. */
export function appendAudits(db: AuditWriter, entries: AuditEntry[]): Prisma.PrismaPromise<unknown> {
  return db.auditLog.createMany({ data: entries.map(auditRow) });
}

/**
 * The INSERT of one row, for a write that is itself a single statement (a data-modifying WITH, e.g. an instance's
 * start): the row then exists exactly when that statement's change does. `at` is required, as the other parts of
 * such a statement carry their own times.
 */
export function auditInsert(entry: AuditEntry & { at: Date }): Prisma.Sql {
  const row = auditRow(entry);
  return Prisma.sql`
    INSERT INTO "AuditLog" ("actor", "action", "objectType", "objectId", "details", "sourceAddress", "subject", "outcome", "at")
    VALUES (${row.actor}, ${row.action}, ${row.objectType}, ${row.objectId}, ${sqlJson(row.details)},
      ${row.sourceAddress}, ${row.subject}, ${row.outcome}::"AuditOutcome", ${sqlTimestamp(entry.at)})`;
}

function auditRow(entry: AuditEntry): Prisma.AuditLogCreateManyInput {
  return {
    actor: entry.actor ?? null,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    details: entry.details ?? {},
    sourceAddress: entry.sourceAddress ?? null,
    subject: entry.subject ?? null,
    outcome: entry.outcome ?? 'success',
    at: entry.at,
  };
}
