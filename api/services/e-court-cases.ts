/**
 * E-court cases for the API (docs/e-court.md): a plaintiff files and signs a complaint; the parties and the court
 * read a case; the defendant opens the served complaint, which serves it. Every case is found through the caller's
 * CASL ability (api/auth/ability.ts): whoever is neither a party nor of the court gets 404.
 */
import { z } from 'zod';
import { appendAudit } from '../../engine/audit';
import { lockedFor, recordFailure, throttleKeys } from '../auth/login-throttle';
import { verifyPassword } from '../auth/passwords';
import { kstDate } from '../../gov/calendar/local-date';
import type { CaseTrack, CourtFees } from '../../gov/e-court';
import { publishMessage } from '../../engine/correlation';
import { E_COURT_PROCESS, fileComplaint } from '../../engine/e-court/filing';
import * as engineInstances from '../../engine/instances';
import { CourtCaseState, CourtNoticeChannel, CourtServiceMethod, type CourtCase } from '../../prisma/generated/client';
import { AppError } from '../../shared/app-error';
import { accessibleWhere, type Caller } from '../auth/ability';
import { engineDeps, type ServiceDeps } from '../deps';
import { courtFees, courtFeesAnswer } from './e-court';
import { instant, itemsOf, localDate, personRef, rowId } from './answer-fields';
import { assertMayStart } from './process-access';
import { findVisible } from './visible';

/** The message the model's service wait catches when the defendant opens the complaint. */
export const OPENED_MESSAGE = 'e-court-opened';

/** A case as its parties and the court read it; `claimText` is null to a defendant not yet served. */
export const courtCaseAnswer = z.object({
  id: rowId,
  processInstanceId: rowId,
  courtUnitId: rowId,
  plaintiffId: rowId,
  defendantId: rowId,
  plaintiff: personRef.nullable(),
  defendant: personRef.nullable(),
  track: z.string().describe('civil or small-claims'),
  claimAmount: z.number().int(),
  claimText: z.string().nullable(),
  stampFee: z.number().int(),
  serviceFee: z.number().int(),
  fees: courtFeesAnswer,
  filedAt: instant,
  filedOn: localDate,
  signedAt: instant,
  signature: z.object({ contentDigest: z.string(), signedAt: instant, standIn: z.string() }),
  caseNumber: z.string().nullable(),
  caseYear: z.number().int().nullable(),
  caseMark: z.string().nullable(),
  caseSerial: z.number().int().nullable(),
  docketedAt: instant.nullable(),
  state: z.enum(CourtCaseState),
  defects: z.string().nullable(),
  defectDueAt: instant.nullable(),
  correction: z.string().nullable(),
  correctedAt: instant.nullable(),
  dismissedAt: instant.nullable(),
  serviceNoticedAt: instant.nullable(),
  servedAt: instant.nullable(),
  serviceMethod: z.enum(CourtServiceMethod).nullable(),
  answerDueAt: instant.nullable(),
  answer: z.string().nullable(),
  answeredAt: instant.nullable(),
  judgmentAt: instant.nullable(),
  judgmentCancelledAt: instant.nullable(),
  judgedAt: instant.nullable(),
  createdAt: instant,
  notices: z.array(
    z.object({
      kind: z.string(),
      channel: z.enum(CourtNoticeChannel),
      recipient: z.string(),
      address: z.string(),
      text: z.string(),
      sentAt: instant,
    }),
  ),
});
export const courtCaseListAnswer = itemsOf(courtCaseAnswer);

type CaseAnswer = z.input<typeof courtCaseAnswer>;

export interface FilingRequest {
  defendant: string;
  claimAmount: number;
  track: CaseTrack;
  claimText: string;
  /** The filer's password again: the signature stand-in. */
  password: string;
}

export async function fileCase(deps: ServiceDeps, caller: Caller, input: FilingRequest): Promise<CaseAnswer> {
  const { prisma } = deps;
  await verifySignature(deps, caller, input.password);
  await assertMayStart(deps, caller, E_COURT_PROCESS);
  const definition = await prisma.processDefinition.findFirst({
    where: { bpmnProcessId: E_COURT_PROCESS },
    orderBy: { version: 'desc' },
  });
  if (!definition) throw new AppError('NOT_FOUND', `No process ${E_COURT_PROCESS} is deployed.`);
  const defendant = await prisma.user.findUnique({ where: { username: input.defendant } });
  if (!defendant?.active || defendant.id === caller.principal.id)
    throw new AppError(
      'UNKNOWN_REFERENCE',
      `defendant: '${input.defendant}' is no registered user other than you; electronic service reaches registered users only.`,
    );
  const filedAt = new Date();
  const fees = courtFees(
    { claimAmount: input.claimAmount, level: 'first', electronic: true, parties: 2, track: input.track },
    filedAt.getTime(),
  );
  try {
    const courtCase = await fileComplaint(engineDeps(deps), {
      definition,
      plaintiff: { ...caller.principal, sourceAddress: caller.sourceAddress },
      complaint: {
        defendant: { id: defendant.id, username: defendant.username },
        track: input.track,
        claimAmount: input.claimAmount,
        claimText: input.claimText,
      },
      fees,
      filedAt,
    });
    return toCaseDto(deps, caller, courtCase);
  } catch (error) {
    if (error instanceof engineInstances.InstanceStartError)
      throw new AppError('DEPENDENCY_UNAVAILABLE', 'The process engine did not accept the filing; try again shortly.');
    throw error;
  }
}

/**
 * The signature stand-in: the filer's password again. Failures count on the login throttle (docs/security.md), so a
 * stolen session cannot guess the password here faster than at the login page.
 */
async function verifySignature(deps: ServiceDeps, caller: Caller, password: string): Promise<void> {
  const { prisma, config } = deps;
  const filer = await prisma.user.findUniqueOrThrow({ where: { id: caller.principal.id } });
  const keys = throttleKeys(filer.username, caller.sourceAddress);
  const retryAfterSeconds = await lockedFor(prisma, keys);
  if (retryAfterSeconds !== undefined)
    throw new AppError(
      'TOO_MANY_ATTEMPTS',
      `Too many wrong passwords for this account; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      { retryAfterSeconds },
    );
  if (await verifyPassword(filer.passwordHash, password)) return;
  await recordFailure(prisma, keys, config);
  await appendAudit(prisma, {
    actor: filer.username,
    sourceAddress: caller.sourceAddress,
    action: 'court-case.signature-failed',
    objectType: 'User',
    objectId: filer.id,
    outcome: 'failure',
  });
  throw new AppError(
    'E_COURT_SIGNATURE_INVALID',
    'The password does not match your account: sign the complaint with the password you log in with.',
  );
}

/** The cases the caller may read (their own, or their court's docket), newest first. */
export async function listCases(deps: ServiceDeps, caller: Caller): Promise<z.input<typeof courtCaseListAnswer>> {
  const allowed = accessibleWhere(caller.ability, 'read', 'CourtCase');
  if (!allowed) return { items: [] };
  const rows = await deps.prisma.courtCase.findMany({ where: allowed, orderBy: { filedAt: 'desc' }, take: 200 });
  return { items: await Promise.all(rows.map((row) => toCaseDto(deps, caller, row))) };
}

export async function getCase(deps: ServiceDeps, caller: Caller, id: string): Promise<CaseAnswer> {
  const found = await findVisible(caller, 'read', 'CourtCase', id, (where) =>
    deps.prisma.courtCase.findFirst({ where }),
  );
  return toCaseDto(deps, caller, found);
}

/**
 * The defendant opens the served complaint: the first opening after the notice serves it (the process records the
 * instant); opening it again only shows it. Only the defendant's opening serves; anyone else who may read the case
 * is refused, so that a clerk's look does not serve it.
 */
export async function openCase(deps: ServiceDeps, caller: Caller, id: string): Promise<CaseAnswer> {
  const found = await findVisible(caller, 'read', 'CourtCase', id, (where) =>
    deps.prisma.courtCase.findFirst({ where }),
  );
  if (found.defendantId !== caller.principal.id)
    throw new AppError('FORBIDDEN', 'Only the defendant opens the served complaint; opening it serves it.');
  if (!found.serviceNoticedAt)
    throw new AppError('CONFLICT', 'The complaint has not been served on you; the service notice will say when it is.');
  if (found.state === 'SERVICE_NOTIFIED')
    await publishMessage(engineDeps(deps), {
      name: OPENED_MESSAGE,
      correlationKey: found.id,
      variables: { openedBy: caller.principal.username },
      // Covers the moment between the notice's step and the process's wait for the opening.
      timeToLiveMs: 60 * 60 * 1000,
      publishedBy: caller.principal,
    });
  return { ...(await toCaseDto(deps, caller, found)), claimText: found.claimText };
}

/** The defendant reads the complaint by opening it (which serves it), never around the opening. */
const hidesComplaint = (caller: Caller, row: CourtCase) =>
  row.defendantId === caller.principal.id && row.servedAt === null;

async function toCaseDto(deps: ServiceDeps, caller: Caller, row: CourtCase): Promise<CaseAnswer> {
  const [people, notices] = await Promise.all([
    deps.prisma.user.findMany({
      where: { id: { in: [row.plaintiffId, row.defendantId] } },
      select: { id: true, username: true, displayName: true },
    }),
    deps.prisma.courtNotice.findMany({ where: { caseId: row.id }, orderBy: [{ sentAt: 'asc' }, { channel: 'asc' }] }),
  ]);
  const person = (id: string) => people.find((one) => one.id === id) ?? null;
  const { claimAmount, claimText, feeExplanation, contentDigest, processInstanceId, ...facts } = row;
  return {
    ...facts,
    claimText: hidesComplaint(caller, row) ? null : claimText,
    claimAmount: Number(claimAmount),
    filedOn: kstDate(row.filedAt.getTime()),
    processInstanceId,
    plaintiff: person(row.plaintiffId),
    defendant: person(row.defendantId),
    // Stored from the calculator's answer at filing (engine/e-court/filing.ts).
    fees: {
      stampFee: row.stampFee,
      serviceFee: row.serviceFee,
      explanation: feeExplanation as unknown as CourtFees['explanation'],
    },
    signature: { contentDigest, signedAt: row.signedAt, standIn: 'password re-entry + SHA-256 of the signed content' },
    notices: notices.map(({ kind, channel, recipient, address, text, sentAt }) => ({
      kind,
      channel,
      recipient,
      address,
      text,
      sentAt,
    })),
  };
}
