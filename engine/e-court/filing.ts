/**
 * Filing a complaint (소장 제출, docs/e-court.md): the case row with its fees and the signature stand-in's digest,
 * then the e-court-filing instance that carries it through docketing, review, service and the answer. The caller
 * (api/services/e-court-cases.ts) has checked the filer's password and start permission and priced the fees.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { CaseTrack, CourtFees } from '../../gov/e-court';
import type { ProcessDefinition } from '../../prisma/generated/client';
import { appendAudit } from '../audit';
import type { EngineDeps } from '../deps';
import { startProcessInstance } from '../instances';

export const E_COURT_PROCESS = 'e-court-filing';
/** The court unit of the demo: its docket, and the candidate group of the model's court tasks. */
export const COURT_UNIT = 'district-court';

export interface Complaint {
  defendant: { id: string; username: string };
  track: CaseTrack;
  claimAmount: number;
  claimText: string;
}

export interface FilingInput {
  definition: Pick<ProcessDefinition, 'id' | 'bpmnProcessId' | 'version' | 'graph'>;
  plaintiff: { id: string; username: string; orgUnitId?: string | null; sourceAddress?: string };
  complaint: Complaint;
  fees: CourtFees;
  filedAt: Date;
}

/**
 * The signature stand-in (공동인증서 in the real e-court): the SHA-256 of exactly what was signed, by whom and when,
 * recorded with the filing after the filer re-entered their password. It proves the content did not change since;
 * unlike a certificate, a third party cannot verify who signed without this system's records.
 */
export function signedContentDigest(signer: string, complaint: Complaint, signedAt: Date): string {
  const content = {
    signer,
    defendant: complaint.defendant.username,
    track: complaint.track,
    claimAmount: complaint.claimAmount,
    claimText: complaint.claimText,
    signedAt: signedAt.toISOString(),
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

export async function fileComplaint(deps: EngineDeps, input: FilingInput) {
  const { prisma } = deps;
  const { plaintiff, complaint, fees, filedAt } = input;
  const court = await prisma.orgUnit.findUnique({ where: { code: COURT_UNIT }, select: { id: true } });
  if (!court) throw new Error(`The court unit '${COURT_UNIT}' is missing from the org chart (seed the demo).`);
  const processInstanceId = randomUUID();
  const contentDigest = signedContentDigest(plaintiff.username, complaint, filedAt);
  const courtCase = await prisma.$transaction(async (tx) => {
    const created = await tx.courtCase.create({
      data: {
        processInstanceId,
        courtUnitId: court.id,
        plaintiffId: plaintiff.id,
        defendantId: complaint.defendant.id,
        track: complaint.track,
        claimAmount: BigInt(complaint.claimAmount),
        claimText: complaint.claimText,
        stampFee: fees.stampFee,
        serviceFee: fees.serviceFee,
        feeExplanation: fees.explanation as never,
        filedAt,
        contentDigest,
        signedAt: filedAt,
      },
    });
    await appendAudit(tx, {
      actor: plaintiff.username,
      sourceAddress: plaintiff.sourceAddress,
      action: 'court-case.filed',
      objectType: 'CourtCase',
      objectId: created.id,
      details: { stampFee: fees.stampFee, serviceFee: fees.serviceFee, contentDigest },
    });
    return created;
  });
  try {
    await startProcessInstance(deps, {
      definition: input.definition,
      instanceId: processInstanceId,
      businessKey: courtCase.id,
      startedBy: plaintiff,
      variables: {
        caseId: courtCase.id,
        plaintiff: plaintiff.username,
        defendant: complaint.defendant.username,
        complaint: {
          track: complaint.track,
          claimAmount: complaint.claimAmount,
          claimText: complaint.claimText,
          stampFee: fees.stampFee,
          serviceFee: fees.serviceFee,
        },
      },
    });
  } catch (error) {
    await prisma.courtCase.delete({ where: { id: courtCase.id } });
    throw error;
  }
  return courtCase;
}
