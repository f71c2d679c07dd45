/**
 * Registration numbers under load, on the real PostgreSQL: concurrent transactions over a connection pool take
 * serials 1..n of their 처리과 and year with no gap and no duplicate, a rolled-back registration gives its serial
 * back, each year starts again at 1, each unit and each kind counts on its own, and a registration cannot be changed.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { assignProductionNumber, assignReceiptNumber, type RegistrationInput } from '../../engine/records/registration';
import type { Prisma } from '../../platform/db';
import { PrismaClient } from '../../prisma/generated/client';
import { seedOrganisation } from '../../scripts/seed';
import { cloneTemplateDatabase, PASSWORD } from '../support/stack';

const POOL_SIZE = 20;
const SLOW_TRANSACTION = { maxWait: 120_000, timeout: 120_000 };

describe('registration numbers', () => {
  let prisma: PrismaClient;
  let civilAffairs: string;
  let generalAffairs: string;

  beforeAll(async () => {
    prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: await cloneTemplateDatabase(), max: POOL_SIZE }),
    });
    await seedOrganisation(prisma, PASSWORD);
    const unit = async (code: string) => (await prisma.orgUnit.findUniqueOrThrow({ where: { code } })).id;
    civilAffairs = await unit('civil-affairs');
    generalAffairs = await unit('general-affairs');
  });
  afterAll(() => prisma.$disconnect());

  const input = (unitId: string, at: string): RegistrationInput => ({ unitId, at: new Date(at), actor: 'clerk1' });

  /** One registration in a transaction of its own, committed. */
  const receive = (unitId: string, at: string) =>
    prisma.$transaction((tx) => assignReceiptNumber(tx, input(unitId, at)), SLOW_TRANSACTION);

  class RolledBack extends Error {}

  /** A registration whose write fails after the number was taken: the transaction rolls back. */
  const receiveAndFail = (unitId: string, at: string) =>
    prisma
      .$transaction(async (tx: Prisma.TransactionClient) => {
        await assignReceiptNumber(tx, input(unitId, at));
        throw new RolledBack();
      }, SLOW_TRANSACTION)
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
        return null;
      });

  const serials = async (where: Prisma.RegistrationWhereInput) =>
    (await prisma.registration.findMany({ where, select: { serial: true }, orderBy: { serial: 'asc' } })).map(
      ({ serial }) => serial,
    );

  it('gives 1,000 concurrent registrations in one unit 1..1000, while 100 rolled-back ones leave no gap', async () => {
    const at = '2026-06-01T10:00:00+09:00';
    // Every eleventh transaction fails after taking its number: 1,000 commit, 100 roll back, all at once.
    const registrations = Array.from({ length: 1100 }, (_, index) =>
      index % 11 === 10 ? receiveAndFail(civilAffairs, at) : receive(civilAffairs, at),
    );
    const results = await Promise.all(registrations);

    const given = results.flatMap((registration) => (registration ? [registration.serial] : []));
    expect(given).toHaveLength(1000);
    expect(new Set(given).size).toBe(1000);
    const expected = Array.from({ length: 1000 }, (_, index) => index + 1);
    expect([...given].sort((a, b) => a - b)).toEqual(expected);
    expect(await serials({ unitId: civilAffairs, year: 2026, kind: 'RECEIPT' })).toEqual(expected);
    expect(results.find((registration) => registration?.serial === 7)?.number).toBe('civil-affairs-7');

    // The next registration continues at 1001: the rolled-back ones gave their serials back.
    expect((await receive(civilAffairs, at)).serial).toBe(1001);
  });

  it('starts again at 1 in a new Korean year', async () => {
    const lastOf2026 = await receive(civilAffairs, '2026-12-31T23:59:59+09:00');
    const firstOf2027 = await receive(civilAffairs, '2027-01-01T00:00:00+09:00');
    expect(lastOf2026).toMatchObject({ year: 2026, serial: 1002 });
    expect(firstOf2027).toMatchObject({ year: 2027, serial: 1, number: 'civil-affairs-1' });
  });

  it('counts each unit and each kind on its own', async () => {
    const at = '2026-06-02T10:00:00+09:00';
    const [other, production] = await Promise.all([
      receive(generalAffairs, at),
      prisma.$transaction((tx) => assignProductionNumber(tx, input(civilAffairs, at))),
    ]);
    expect(other).toMatchObject({ kind: 'RECEIPT', year: 2026, serial: 1, number: 'general-affairs-1' });
    expect(production).toMatchObject({ kind: 'PRODUCTION', year: 2026, serial: 1, number: 'civil-affairs-1' });
  });

  it('refuses to change or delete a registration', async () => {
    const registration = await receive(generalAffairs, '2026-06-03T10:00:00+09:00');
    await expect(
      prisma.registration.update({ where: { id: registration.id }, data: { number: 'general-affairs-999' } }),
    ).rejects.toThrow(/not editable/);
    await expect(prisma.registration.delete({ where: { id: registration.id } })).rejects.toThrow(/not editable/);
    expect(await prisma.registration.findUniqueOrThrow({ where: { id: registration.id } })).toEqual(registration);
  });
});
