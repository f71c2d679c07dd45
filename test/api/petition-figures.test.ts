/**
 * The civil-petition figures on the dashboards (민원 처리 지표): from Petition and PetitionObjection rows written
 * directly, as the civil-petition and objection processes leave them, each figure equals the one worked out by hand
 * below; a manager counts only their subtree's petitions, an administrator all of them; the CSV has the same row.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { PetitionFigures } from '../../api/services/dashboards/petition-figures';
import type { PetitionState } from '../../prisma/generated/client';
import { insertProcessInstance, insertTask, orgUnitId } from '../support/tasks';
import { startTestStack, type TestStack } from '../support/stack';

const kst = (text: string) => new Date(`${text}+09:00`);
const HOUR_MS = 3_600_000;
const WINDOW = 'from=2026-11-01&to=2026-11-30';

interface Seed {
  unit: string;
  state?: PetitionState;
  decidedAt?: Date;
  dueAt: Date;
  minutes?: number;
  extensions?: number;
  supplementRequests?: number;
  objection?: { filedAt: Date; outcome: 'UPHELD' | 'DISMISSED' | 'OUT_OF_TIME' | null };
}

describe('petition figures on the dashboards', () => {
  let stack: TestStack;
  let tokens: Record<'manager' | 'admin', string>;
  let units: Record<'civil' | 'general', string>;
  const get = (token: string, path: string) =>
    request(stack.app).get(path).set('authorization', `Bearer ${token}`).expect(200);
  /** The petition figures of a dashboard. */
  const figures = async (token: string, path: string) =>
    ((await get(token, path)).body as { petitions: PetitionFigures | null }).petitions;

  async function seed(petition: Seed): Promise<void> {
    const processInstanceId = await insertProcessInstance(stack, 'civil-petition');
    const row = await stack.prisma.petition.create({
      data: {
        processInstanceId,
        typeCode: 'grievance',
        title: '민원',
        petitionerName: '홍민원',
        petitionerEmail: 'hong@example.kr',
        orgUnitId: petition.unit,
        receivedAt: new Date(petition.dueAt.getTime() - 100 * HOUR_MS),
        dueAt: petition.dueAt,
        state: petition.state ?? 'DECIDED',
        decidedAt: petition.decidedAt,
        outcome: petition.decidedAt ? 'REFUSED' : null,
        workingMinutesTaken: petition.minutes,
        extensions: petition.extensions ?? 0,
        supplementRequests: petition.supplementRequests ?? 0,
      },
    });
    if (petition.objection) {
      await stack.prisma.petitionObjection.create({
        data: {
          processInstanceId: randomUUID(),
          petitionId: row.id,
          reason: '이의',
          filedAt: petition.objection.filedAt,
          lastDayToObject: new Date('2027-01-31'),
          outcome: petition.objection.outcome,
        },
      });
    }
  }

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    units = { civil: await orgUnitId(stack, 'civil-affairs'), general: await orgUnitId(stack, 'general-affairs') };
    const now = Date.now();
    const civil = units.civil;
    // Civil affairs, decided in November (Korean days): A on time, B late, C on time at 23:30 on the 30th.
    await seed({
      unit: civil,
      decidedAt: kst('2026-11-10T10:00:00'),
      dueAt: kst('2026-11-12T18:00:00'),
      minutes: 960,
      supplementRequests: 1,
      objection: { filedAt: kst('2026-11-15T10:00:00'), outcome: 'UPHELD' },
    });
    await seed({
      unit: civil,
      decidedAt: kst('2026-11-20T10:00:00'),
      dueAt: kst('2026-11-19T18:00:00'),
      minutes: 4800,
      extensions: 1,
      objection: { filedAt: kst('2026-11-22T10:00:00'), outcome: 'DISMISSED' },
    });
    await seed({
      unit: civil,
      decidedAt: kst('2026-11-30T23:30:00'),
      dueAt: kst('2026-12-01T18:00:00'),
      minutes: 2400,
      extensions: 1,
      supplementRequests: 2,
    });
    // Outside the window: decided at 00:30 on 1 December in Korea (still 30 November in UTC), and in October with an
    // objection pending from November, and one objection filed in October.
    await seed({ unit: civil, decidedAt: kst('2026-12-01T00:30:00'), dueAt: kst('2026-11-25T18:00:00'), minutes: 9 });
    await seed({
      unit: civil,
      decidedAt: kst('2026-10-01T10:00:00'),
      dueAt: kst('2026-10-02T18:00:00'),
      minutes: 9,
      objection: { filedAt: kst('2026-11-05T10:00:00'), outcome: null },
    });
    await seed({
      unit: civil,
      decidedAt: kst('2026-10-02T10:00:00'),
      dueAt: kst('2026-10-02T18:00:00'),
      minutes: 9,
      objection: { filedAt: kst('2026-10-20T10:00:00'), outcome: 'UPHELD' },
    });
    // Open now: E past due (overdue), F awaiting a supplement (its clock stopped), G due tomorrow.
    await seed({ unit: civil, state: 'RECEIVED', dueAt: new Date(now - 24 * HOUR_MS) });
    await seed({ unit: civil, state: 'SUPPLEMENTING', dueAt: new Date(now - 24 * HOUR_MS) });
    await seed({ unit: civil, state: 'RECEIVED', dueAt: new Date(now + 24 * HOUR_MS) });
    // General affairs, another subtree: H decided late in November with an upheld objection, I overdue.
    await seed({
      unit: units.general,
      decidedAt: kst('2026-11-11T10:00:00'),
      dueAt: kst('2026-11-10T18:00:00'),
      minutes: 1440,
      extensions: 1,
      objection: { filedAt: kst('2026-11-12T10:00:00'), outcome: 'UPHELD' },
    });
    await seed({ unit: units.general, state: 'RECEIVED', dueAt: new Date(now - 2 * HOUR_MS) });
    // The process reached civil affairs, so its manager may open its dashboard (docs/dashboards.md).
    await insertTask(stack, await insertProcessInstance(stack, 'civil-petition'), { orgUnitId: civil });
    tokens = { manager: await stack.login('manager1'), admin: await stack.login('admin') };
  });
  afterAll(() => stack.stop());

  it("counts only the manager's subtree on the civil-petition dashboard", async () => {
    const petitions = await figures(tokens.manager, `/api/dashboards/process/civil-petition?${WINDOW}`);
    // Decided in the window: A (960 min, supplemented), B (4800, late, extended), C (2400, extended, supplemented).
    expect(petitions).toEqual({
      decided: 3,
      onTime: 2,
      late: 1,
      onTimeRate: 2 / 3,
      overdue: 1,
      averageWorkingDays: (960 + 4800 + 2400) / 3 / 480,
      extensionRate: 2 / 3,
      supplementationRate: 2 / 3,
      objections: 3,
      objectionsUpheld: 1,
      objectionUpheldRate: 1 / 2,
    });
  });

  it('counts every unit for an administrator, and the same figures come as CSV', async () => {
    const petitions = await figures(tokens.admin, `/api/dashboards/process/civil-petition?${WINDOW}`);
    expect(petitions).toEqual({
      decided: 4,
      onTime: 2,
      late: 2,
      onTimeRate: 1 / 2,
      overdue: 2,
      averageWorkingDays: (960 + 4800 + 2400 + 1440) / 4 / 480,
      extensionRate: 3 / 4,
      supplementationRate: 2 / 4,
      objections: 4,
      objectionsUpheld: 2,
      objectionUpheldRate: 2 / 3,
    });
    const csv = await get(tokens.admin, `/api/dashboards/process/civil-petition?${WINDOW}&format=csv&part=petitions`);
    const [header, values] = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(header).toBe(
      'decided,onTime,late,onTimeRate,overdue,averageWorkingDays,extensionRate,supplementationRate,objections,objectionsUpheld,objectionUpheldRate',
    );
    expect(values).toBe(`4,2,2,0.5,2,5,0.75,0.5,4,2,${2 / 3}`);
  });

  it("shows a department's own petitions on its dashboard, and none where it handles none", async () => {
    const general = await figures(tokens.admin, `/api/dashboards/department/${units.general}?${WINDOW}`);
    expect(general).toMatchObject({ decided: 1, onTime: 0, late: 1, overdue: 1, extensionRate: 1 });
    const civil = await figures(tokens.manager, `/api/dashboards/department/${units.civil}?${WINDOW}`);
    expect(civil).toMatchObject({ decided: 3, overdue: 1, objections: 3 });
    const planning = await figures(
      tokens.admin,
      `/api/dashboards/department/${await orgUnitId(stack, 'planning-budget')}`,
    );
    expect(planning).toBeNull();
  });

  it('leaves the figures off the dashboards of other processes', async () => {
    await insertProcessInstance(stack, 'road-repair');
    expect(await figures(tokens.admin, `/api/dashboards/process/road-repair?${WINDOW}`)).toBeNull();
  });
});
