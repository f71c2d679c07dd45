/**
 * Docketing (사건번호 부여, docs/e-court.md): the case's mark and the mark's next serial in the year of docketing. The
 * counter row is incremented by one atomic statement in the transaction that writes the number, as registration
 * numbers are (engine/records/registration.ts): concurrent dockets take the next serials in turn, a rolled-back
 * write takes its serial back, so the serials have no gap and no duplicate.
 */
import { registrationYear } from '../../gov/records';
import { caseMarkFor, caseNumber, type CaseTrack } from '../../gov/e-court';
import type { PrismaClient } from '../../platform/db';
import { appendAudit } from '../audit';

/** Gives the case its number once; docketing it again (a retried step) answers the number it has. */
export async function docketCase(prisma: PrismaClient, input: { caseId: string; at: Date }): Promise<string> {
  return prisma.$transaction(async (tx) => {
    const found = await tx.courtCase.findUniqueOrThrow({ where: { id: input.caseId } });
    if (found.caseNumber) return found.caseNumber;
    const year = registrationYear(input.at);
    const mark = caseMarkFor(found.track as CaseTrack, Number(found.claimAmount));
    const [counter] = await tx.$queryRaw<Array<{ serial: number }>>`
      INSERT INTO "CourtCaseCounter" ("year", "mark", "lastSerial") VALUES (${year}, ${mark}, 1)
      ON CONFLICT ("year", "mark") DO UPDATE SET "lastSerial" = "CourtCaseCounter"."lastSerial" + 1
      RETURNING "lastSerial" AS serial`;
    if (!counter) throw new Error(`The case counter of ${year}${mark} returned no serial.`);
    const number = caseNumber(year, mark, counter.serial);
    await tx.courtCase.update({
      where: { id: found.id },
      data: {
        caseNumber: number,
        caseYear: year,
        caseMark: mark,
        caseSerial: counter.serial,
        docketedAt: input.at,
        state: 'DOCKETED',
      },
    });
    await appendAudit(tx, {
      action: 'court-case.docketed',
      objectType: 'CourtCase',
      objectId: found.id,
      details: { caseNumber: number },
      at: input.at,
    });
    return number;
  });
}
