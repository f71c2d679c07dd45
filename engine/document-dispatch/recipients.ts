/**
 * Recipients (수신자) named when drafting: units of this agency by code, other agencies by name and mail address.
 * Each becomes a planned dispatch the 시행 step sends once the document is approved
 * (processes/document-approval/README.md).
 */
import { AppError } from '../../shared/app-error';
import type { Prisma } from '../../platform/db';

export type RecipientInput = { unitCode: string } | { agencyName: string; email: string };

export interface PlannedRecipient {
  unitId: string | null;
  agencyName: string | null;
  email: string | null;
}

/** The recipients as dispatch rows; an unknown unit or one named twice is refused (422), nothing stored. */
export async function resolveRecipients(
  db: Prisma.TransactionClient,
  recipients: RecipientInput[],
): Promise<PlannedRecipient[]> {
  const codes = recipients.flatMap((recipient) => ('unitCode' in recipient ? [recipient.unitCode] : []));
  const units = await db.orgUnit.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } });
  const idOf = new Map(units.map((unit) => [unit.code, unit.id]));
  const seen = new Set<string>();
  return recipients.map((recipient) => {
    const key = 'unitCode' in recipient ? `unit:${recipient.unitCode}` : `mail:${recipient.email.toLowerCase()}`;
    if (seen.has(key)) throw new AppError('VALIDATION_FAILED', `Invalid recipients: ${key} is named twice.`);
    seen.add(key);
    if (!('unitCode' in recipient)) return { unitId: null, agencyName: recipient.agencyName, email: recipient.email };
    const unitId = idOf.get(recipient.unitCode);
    if (!unitId) {
      throw new AppError(
        'UNKNOWN_REFERENCE',
        `No unit has the code ${recipient.unitCode}; pick a recipient from the org chart.`,
      );
    }
    return { unitId, agencyName: null, email: null };
  });
}
