/**
 * The org chart API: every signed-in user reads units and people; only administrators create, change, move and hand
 * over (a clerk gets 403 and nothing changes); bad references answer 4xx naming them with nothing changed; a move
 * keeps the person's history; a handover moves exactly the open tasks assigned to or naming the person, and is
 * audited. The suite mutates only units and people it creates itself.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startTestStack, PASSWORD, type TestStack } from '../support/stack';
import { rowsOnlyGraph } from '../support/tasks';

interface Unit {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  head: { id: string; username: string; displayName: string } | null;
}

interface Person {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  orgUnit: { id: string; code: string; name: string } | null;
  position: { code: string; name: string; level: number } | null;
  rank: { code: string; name: string; grade: number } | null;
  groups: string[];
}

interface PersonDetail extends Person {
  history: Array<{ orgUnit: { code: string }; position: { code: string } | null; since: string; until: string | null }>;
  handovers: Array<{ id: string; taskIds: string[]; from: { username: string }; to: { username: string } }>;
}

describe('org chart API', () => {
  let stack: TestStack;
  let admin: string;
  let clerk: string;
  let units: Record<string, Unit>;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const unitByCode = async (code: string) => stack.prisma.orgUnit.findUniqueOrThrow({ where: { code } });
  const userByName = async (username: string) => stack.prisma.user.findUniqueOrThrow({ where: { username } });
  /** Everything an org-chart change could touch, to show that a refused one touched nothing. */
  const snapshot = async () => ({
    units: await stack.prisma.orgUnit.findMany({ orderBy: { code: 'asc' } }),
    users: await stack.prisma.user.findMany({ orderBy: { username: 'asc' }, include: { roles: true, groups: true } }),
    memberships: await stack.prisma.unitMembership.findMany({ orderBy: { id: 'asc' } }),
    groups: await stack.prisma.group.findMany({ orderBy: { code: 'asc' } }),
    positions: await stack.prisma.position.findMany({ orderBy: { code: 'asc' } }),
    ranks: await stack.prisma.rank.findMany({ orderBy: { code: 'asc' } }),
    tasks: await stack.prisma.userTask.findMany({ orderBy: { id: 'asc' } }),
    handovers: await stack.prisma.handover.count(),
    // A refused request adds only its denial row (docs/audit.md).
    audit: await stack.prisma.auditLog.count({ where: { outcome: { not: 'denied' } } }),
  });

  const newPerson = async (username: string, unitCode: string, extra: Record<string, unknown> = {}) => {
    const response = await api()
      .post('/api/org/people')
      .set(as(admin))
      .send({
        username,
        displayName: `${username} 주무관`,
        password: PASSWORD,
        orgUnitId: units[unitCode]?.id,
        positionCode: 'staff',
        rankCode: 'grade-8',
        ...extra,
      })
      .expect(201);
    return response.body as Person;
  };

  /** A user task row of a process instance that has no workflow behind it: the queue as the org chart sees it. */
  let definitionId: string;
  const insertTask = async (fields: {
    assignee?: string;
    /** Who delegated the task to its assignee (the delegation pending). */
    owner?: string;
    candidateUsers?: string[];
    state?: 'CREATED' | 'COMPLETED';
  }) => {
    const instanceId = randomUUID();
    await stack.prisma.processInstance.create({
      data: { id: instanceId, definitionId, bpmnProcessId: 'org-handover', version: 1 },
    });
    const task = await stack.prisma.userTask.create({
      data: {
        id: randomUUID(),
        processInstanceId: instanceId,
        elementId: 'review',
        elementInstanceId: 'review#1',
        name: '검토',
        assignee: fields.assignee ?? null,
        ...(fields.owner && { owner: fields.owner, delegationState: 'PENDING' as const }),
        candidateUsers: fields.candidateUsers ?? [],
        candidateGroups: ['org-test-team'],
        state: fields.state ?? 'CREATED',
      },
    });
    return task.id;
  };

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    admin = await stack.login('admin');
    clerk = await stack.login('clerk1');
    const agency = await unitByCode('onnara-city');
    const created: Unit[] = [];
    for (const unit of [
      { code: 'org-test-office', name: '조직시험국', kind: 'DEPARTMENT', parentId: agency.id },
      { code: 'org-test-team', name: '조직시험팀', kind: 'TEAM', parentKey: 'org-test-office' },
      { code: 'org-test-other', name: '다른시험과', kind: 'DEPARTMENT', parentId: agency.id },
    ]) {
      const { parentKey, ...body } = unit;
      const parentId = parentKey ? created.find((one) => one.code === parentKey)?.id : body.parentId;
      const response = await api()
        .post('/api/org/units')
        .set(as(admin))
        .send({ ...body, parentId })
        .expect(201);
      created.push(response.body as Unit);
    }
    units = Object.fromEntries(created.map((unit) => [unit.code, unit]));
    definitionId = (
      await stack.prisma.processDefinition.create({
        data: {
          bpmnProcessId: 'org-handover',
          version: 1,
          xml: '<definitions/>',
          graph: rowsOnlyGraph('org-handover'),
          contentHash: 'org',
        },
      })
    ).id;
  });
  afterAll(() => stack.stop());

  describe('reading, as a clerk', () => {
    it('lists the units in tree order, parents before children, each with its head', async () => {
      const response = await api().get('/api/org/units').set(as(clerk)).expect(200);
      const items = (response.body as { items: Unit[] }).items;
      const position = new Map(items.map((unit, index) => [unit.id, index]));
      for (const unit of items) {
        if (unit.parentId) expect(position.get(unit.parentId)).toBeLessThan(position.get(unit.id) ?? -1);
      }
      expect(items[0]).toMatchObject({ code: 'onnara-city', kind: 'AGENCY', parentId: null });
      const civilAffairs = items.find((unit) => unit.code === 'civil-affairs');
      expect(civilAffairs).toEqual({
        id: expect.any(String),
        code: 'civil-affairs',
        name: '민원봉사과 (Civil Affairs)',
        kind: 'DEPARTMENT',
        parentId: items.find((unit) => unit.code === 'admin-bureau')?.id,
        head: { id: expect.any(String), username: 'manager1', displayName: '최과장 (Manager One)' },
      });
    });

    it("lists a unit's people with position, rank and groups, and never a password hash", async () => {
      const civilAffairs = await unitByCode('civil-affairs');
      const response = await api().get(`/api/org/people?unitId=${civilAffairs.id}`).set(as(clerk)).expect(200);
      const items = (response.body as { items: Person[] }).items;
      expect(items.map((person) => person.username).sort()).toEqual(['clerk1', 'clerk3', 'lead1', 'manager1']);
      expect(items.find((person) => person.username === 'clerk1')).toEqual({
        id: expect.any(String),
        username: 'clerk1',
        displayName: '김민원 (Clerk One)',
        email: 'clerk1@onnara.local',
        active: true,
        orgUnit: { id: civilAffairs.id, code: 'civil-affairs', name: '민원봉사과 (Civil Affairs)' },
        position: { code: 'staff', name: '주무관', level: 1 },
        rank: { code: 'grade-7', name: '7급 (주사보)', grade: 7 },
        groups: ['civil-affairs'],
      });
      expect(JSON.stringify(response.body)).not.toMatch(/passwordHash|argon2/);
      // Seniority first: the division head leads the list; people without a position come last.
      expect(items[0]?.username).toBe('manager1');
      const agency = await unitByCode('onnara-city');
      const atAgency = await api().get(`/api/org/people?unitId=${agency.id}`).set(as(clerk)).expect(200);
      expect((atAgency.body as { items: Person[] }).items.map((person) => person.username)).toEqual([
        'mayor1',
        'admin',
        'worker1',
      ]);
    });

    it('includes the people of subunits when asked, and finds people by part of a name', async () => {
      const bureau = await unitByCode('admin-bureau');
      const only = await api().get(`/api/org/people?unitId=${bureau.id}`).set(as(clerk)).expect(200);
      expect((only.body as { items: Person[] }).items.map((person) => person.username)).toEqual(['director1']);
      const below = await api()
        .get(`/api/org/people?unitId=${bureau.id}&includeSubunits=true`)
        .set(as(clerk))
        .expect(200);
      expect((below.body as { items: Person[] }).items.map((person) => person.username).sort()).toEqual(
        ['analyst1', 'clerk1', 'clerk2', 'clerk3', 'director1', 'lead1', 'manager1', 'security1'].sort(),
      );
      const found = await api().get('/api/org/people?q=민원').set(as(clerk)).expect(200);
      expect((found.body as { items: Person[] }).items.map((person) => person.username).sort()).toEqual([
        'clerk1',
        'clerk3',
      ]);
    });

    it('reads one person with their history, and the positions, ranks and groups', async () => {
      const clerk1 = await userByName('clerk1');
      const response = await api().get(`/api/org/people/${clerk1.id}`).set(as(clerk)).expect(200);
      expect(response.body).toMatchObject({
        username: 'clerk1',
        history: [{ orgUnit: { code: 'civil-affairs' }, position: { code: 'staff' }, until: null }],
        handovers: [],
      });
      const positions = await api().get('/api/org/positions').set(as(clerk)).expect(200);
      expect((positions.body as { items: Array<{ code: string }> }).items.map((item) => item.code)).toEqual([
        'staff',
        'team-lead',
        'division-head',
        'bureau-director',
        'deputy-head',
        'agency-head',
      ]);
      const ranks = await api().get('/api/org/ranks').set(as(clerk)).expect(200);
      expect((ranks.body as { items: Array<{ grade: number }> }).items[0]).toMatchObject({ code: 'grade-9' });
      const groups = await api().get('/api/org/groups').set(as(clerk)).expect(200);
      expect((groups.body as { items: Array<{ code: string }> }).items).toEqual(
        expect.arrayContaining([
          { code: 'civil-affairs', name: '민원봉사과 (Civil Affairs)', orgUnitId: expect.any(String) },
        ]),
      );
    });

    it('answers 404 for a person or unit that does not exist', async () => {
      await api().get(`/api/org/people/${randomUUID()}`).set(as(clerk)).expect(404);
      await api().get('/api/org/people/not-an-id').set(as(clerk)).expect(404);
      const unknownUnit = await api().get(`/api/org/people?unitId=${randomUUID()}`).set(as(clerk)).expect(404);
      expect(unknownUnit.body).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('needs a session', async () => {
      await api().get('/api/org/units').expect(401);
    });
  });

  describe('changing, as a clerk', () => {
    it('is refused with 403 on every write, and nothing changes', async () => {
      const person = await userByName('clerk3');
      const unit = units['org-test-office'] as Unit;
      const before = await snapshot();
      const writes = [
        api().post('/api/org/units').send({ code: 'clerk-unit', name: '과', kind: 'DEPARTMENT' }),
        api().patch(`/api/org/units/${unit.id}`).send({ name: '바뀐 이름' }),
        api()
          .post('/api/org/people')
          .send({ username: 'clerkmade', displayName: 'x', password: PASSWORD, orgUnitId: unit.id }),
        api().patch(`/api/org/people/${person.id}`).send({ active: false }),
        api().post(`/api/org/people/${person.id}/move`).send({ orgUnitId: unit.id }),
        api()
          .post(`/api/org/people/${person.id}/handover`)
          .send({ successorId: (await userByName('clerk1')).id }),
        api().post('/api/org/positions').send({ code: 'clerk-post', name: '직위', level: 9 }),
        api().post('/api/org/ranks').send({ code: 'clerk-rank', name: '직급', grade: 9 }),
        api().post('/api/org/groups').send({ code: 'clerk-group', name: '모임' }),
      ];
      for (const write of writes) {
        const response = await write.set(as(clerk)).expect(403);
        expect(response.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/administrators/) });
      }
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('units, as an administrator', () => {
    it('creates a department with a candidate group of its code, audited', async () => {
      const office = units['org-test-office'] as Unit;
      expect(office).toMatchObject({ code: 'org-test-office', kind: 'DEPARTMENT', head: null });
      expect(await stack.prisma.group.findUnique({ where: { code: 'org-test-team' } })).toMatchObject({
        name: '조직시험팀',
        orgUnitId: units['org-test-team']?.id,
      });
      expect(
        await stack.prisma.auditLog.findFirst({ where: { objectType: 'OrgUnit', objectId: office.id } }),
      ).toMatchObject({ actor: 'admin', action: 'org.unit.created' });
    });

    it('sets a head and renames', async () => {
      const head = await newPerson('orghead', 'org-test-office', { positionCode: 'division-head' });
      const office = units['org-test-office'] as Unit;
      const response = await api()
        .patch(`/api/org/units/${office.id}`)
        .set(as(admin))
        .send({ headId: head.id, name: '조직시험과' })
        .expect(200);
      expect(response.body).toMatchObject({ name: '조직시험과', head: { username: 'orghead' } });
      expect(await stack.prisma.auditLog.count({ where: { objectId: office.id, action: 'org.unit.updated' } })).toBe(1);
    });

    it.each([
      {
        what: 'a duplicate code',
        send: () => api().post('/api/org/units').send({ code: 'civil-affairs', name: '중복', kind: 'DEPARTMENT' }),
        status: 409,
        names: 'civil-affairs',
      },
      {
        what: 'an unknown parent',
        send: (id = '6f1c9b7e-0000-4000-8000-000000000001') =>
          api().post('/api/org/units').send({ code: 'orphan-unit', name: '고아', kind: 'TEAM', parentId: id }),
        status: 422,
        names: '6f1c9b7e-0000-4000-8000-000000000001',
      },
      {
        what: 'a unit under its own subunit',
        send: () =>
          api().patch(`/api/org/units/${units['org-test-office']?.id}`).send({ parentId: units['org-test-team']?.id }),
        status: 422,
        names: 'org-test-office',
      },
      {
        what: 'a unit under itself',
        send: () =>
          api()
            .patch(`/api/org/units/${units['org-test-office']?.id}`)
            .send({ parentId: units['org-test-office']?.id }),
        status: 422,
        names: 'org-test-office',
      },
      {
        what: 'an unknown head',
        send: () =>
          api()
            .patch(`/api/org/units/${units['org-test-team']?.id}`)
            .send({ headId: '6f1c9b7e-0000-4000-8000-000000000002' }),
        status: 422,
        names: '6f1c9b7e-0000-4000-8000-000000000002',
      },
      {
        what: 'a change of code',
        send: () => api().patch(`/api/org/units/${units['org-test-team']?.id}`).send({ code: 'renamed' }),
        status: 400,
        names: 'code',
      },
      {
        what: 'an unknown kind',
        send: () => api().post('/api/org/units').send({ code: 'bad-kind', name: '과', kind: 'BUREAU' }),
        status: 400,
        names: 'kind',
      },
      {
        what: 'an unknown unit',
        send: () => api().patch(`/api/org/units/${randomUUID()}`).send({ name: '없음' }),
        status: 404,
        names: 'unit',
      },
    ])('refuses $what with $status naming it, and nothing changes', async ({ send, status, names }) => {
      const before = await snapshot();
      const response = await send().set(as(admin)).expect(status);
      expect((response.body as { message: string }).message).toContain(names);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('positions, ranks and groups, as an administrator', () => {
    it('adds each once under a new code, audited, and people can then hold them', async () => {
      await api()
        .post('/api/org/positions')
        .set(as(admin))
        .send({ code: 'org-test-post', name: '시험관', level: 7 })
        .expect(201);
      await api()
        .post('/api/org/ranks')
        .set(as(admin))
        .send({ code: 'org-test-rank', name: '시험급', grade: 10 })
        .expect(201);
      const group = await api()
        .post('/api/org/groups')
        .set(as(admin))
        .send({ code: 'org-test-taskforce', name: '시험 전담반' })
        .expect(201);
      expect(group.body).toEqual({ code: 'org-test-taskforce', name: '시험 전담반', orgUnitId: null });
      const positions = await api().get('/api/org/positions').set(as(clerk)).expect(200);
      expect((positions.body as { items: Array<{ code: string }> }).items.at(-1)).toEqual({
        code: 'org-test-post',
        name: '시험관',
        level: 7,
      });
      const person = await newPerson('orgholder', 'org-test-team', {
        positionCode: 'org-test-post',
        rankCode: 'org-test-rank',
        groups: ['org-test-taskforce'],
      });
      expect(person).toMatchObject({
        position: { code: 'org-test-post' },
        rank: { code: 'org-test-rank' },
        groups: ['org-test-taskforce'],
      });
      expect(
        await stack.prisma.auditLog.count({
          where: { action: { in: ['org.position.created', 'org.rank.created', 'org.group.created'] } },
        }),
      ).toBe(3);
    });

    it('refuses a taken code, a group tied to an unknown unit, and a level that is no number; nothing changes', async () => {
      const before = await snapshot();
      await api().post('/api/org/positions').set(as(admin)).send({ code: 'staff', name: '중복', level: 1 }).expect(409);
      await api().post('/api/org/ranks').set(as(admin)).send({ code: 'grade-9', name: '중복', grade: 9 }).expect(409);
      await api().post('/api/org/groups').set(as(admin)).send({ code: 'civil-affairs', name: '중복' }).expect(409);
      const orphan = await api()
        .post('/api/org/groups')
        .set(as(admin))
        .send({ code: 'org-orphan-group', name: '고아', orgUnitId: '6f1c9b7e-0000-4000-8000-000000000006' })
        .expect(422);
      expect(orphan.body).toMatchObject({ code: 'UNKNOWN_REFERENCE', message: expect.stringContaining('6f1c9b7e') });
      await api()
        .post('/api/org/positions')
        .set(as(admin))
        .send({ code: 'org-bad', name: '틀림', level: 'high' })
        .expect(400);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('people, as an administrator', () => {
    it('adds a person who can sign in, placed in the unit and its group, with the first history row', async () => {
      const person = await newPerson('orgnew1', 'org-test-team');
      expect(person).toMatchObject({
        username: 'orgnew1',
        active: true,
        orgUnit: { code: 'org-test-team' },
        position: { code: 'staff' },
        rank: { code: 'grade-8' },
        groups: ['org-test-team'],
      });
      await stack.login('orgnew1');
      const detail = await api().get(`/api/org/people/${person.id}`).set(as(admin)).expect(200);
      expect((detail.body as PersonDetail).history).toEqual([
        {
          orgUnit: { id: units['org-test-team']?.id, code: 'org-test-team', name: '조직시험팀' },
          position: { code: 'staff', name: '주무관', level: 1 },
          since: expect.any(String),
          until: null,
          placedBy: 'admin',
        },
      ]);
      const audit = await stack.prisma.auditLog.findFirstOrThrow({ where: { objectId: person.id } });
      expect(audit).toMatchObject({ actor: 'admin', action: 'org.person.created' });
      expect(JSON.stringify(audit.details)).not.toContain(PASSWORD);
    });

    it('changes a person: rank, roles, groups, and deactivation ends their sign-in', async () => {
      const person = await newPerson('orgchange', 'org-test-team');
      const token = await stack.login('orgchange');
      const response = await api()
        .patch(`/api/org/people/${person.id}`)
        .set(as(admin))
        .send({
          rankCode: 'grade-7',
          // Named twice counts once (a fuzzer found the second 'manager' a 500).
          roles: ['civil-servant', 'manager', 'manager'],
          groups: ['org-test-team', 'civil-affairs', 'civil-affairs'],
        })
        .expect(200);
      expect(response.body).toMatchObject({ rank: { code: 'grade-7' }, groups: ['civil-affairs', 'org-test-team'] });
      expect(
        (await stack.prisma.userRole.findMany({ where: { userId: person.id } })).map((role) => role.roleCode).sort(),
      ).toEqual(['civil-servant', 'manager']);
      await api().patch(`/api/org/people/${person.id}`).set(as(admin)).send({ active: false }).expect(200);
      await api().get('/api/org/units').set(as(token)).expect(401);
    });

    it('records a change of position in the history', async () => {
      const person = await newPerson('orgpromoted', 'org-test-team');
      await api().patch(`/api/org/people/${person.id}`).set(as(admin)).send({ positionCode: 'team-lead' }).expect(200);
      const detail = (await api().get(`/api/org/people/${person.id}`).set(as(admin)).expect(200)).body as PersonDetail;
      expect(detail.history.map((row) => [row.position?.code, row.until === null])).toEqual([
        ['team-lead', true],
        ['staff', false],
      ]);
    });

    it.each([
      {
        what: 'an unknown unit',
        extra: { orgUnitId: '6f1c9b7e-0000-4000-8000-000000000003' },
        status: 422,
        names: '6f1c9b7e-0000-4000-8000-000000000003',
      },
      { what: 'an unknown position', extra: { positionCode: 'chancellor' }, status: 422, names: 'chancellor' },
      { what: 'an unknown rank', extra: { rankCode: 'grade-0' }, status: 422, names: 'grade-0' },
      { what: 'an unknown group', extra: { groups: ['no-such-group'] }, status: 422, names: 'no-such-group' },
      { what: 'an unknown role', extra: { roles: ['emperor'] }, status: 400, names: 'roles' },
      { what: 'a taken username', extra: { username: 'clerk1' }, status: 409, names: 'clerk1' },
      { what: 'a short password', extra: { password: 'short' }, status: 400, names: 'password' },
      { what: 'a missing unit', extra: { orgUnitId: undefined }, status: 400, names: 'orgUnitId' },
    ])('refuses a new person with $what ($status), and nothing changes', async ({ extra, status, names }) => {
      const before = await snapshot();
      const response = await api()
        .post('/api/org/people')
        .set(as(admin))
        .send({
          username: 'orgrefused',
          displayName: '거절',
          password: PASSWORD,
          orgUnitId: units['org-test-team']?.id,
          ...extra,
        })
        .expect(status);
      expect((response.body as { message: string }).message).toContain(names);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses taking every role from a person, and nothing changes', async () => {
      const person = await userByName('clerk3');
      const before = await snapshot();
      const response = await api().patch(`/api/org/people/${person.id}`).set(as(admin)).send({ roles: [] }).expect(400);
      expect((response.body as { message: string }).message).toContain('roles');
      expect(await snapshot()).toEqual(before);
    });

    it('answers 404 for changing a person who does not exist', async () => {
      await api().patch(`/api/org/people/${randomUUID()}`).set(as(admin)).send({ active: false }).expect(404);
      await api()
        .post(`/api/org/people/${randomUUID()}/move`)
        .set(as(admin))
        .send({ orgUnitId: units['org-test-team']?.id })
        .expect(404);
    });
  });

  describe('moves', () => {
    it('closes the history row and opens the next; groups follow the unit; open tasks stay without a successor', async () => {
      const person = await newPerson('orgmover', 'org-test-team');
      const taskId = await insertTask({ assignee: 'orgmover' });
      const response = await api()
        .post(`/api/org/people/${person.id}/move`)
        .set(as(admin))
        .send({ orgUnitId: units['org-test-other']?.id, positionCode: 'team-lead' })
        .expect(200);
      expect(response.body).toMatchObject({
        person: { orgUnit: { code: 'org-test-other' }, position: { code: 'team-lead' }, groups: ['org-test-other'] },
        handover: null,
      });
      const detail = (await api().get(`/api/org/people/${person.id}`).set(as(clerk)).expect(200)).body as PersonDetail;
      expect(detail.history).toHaveLength(2);
      const [now, before] = detail.history;
      expect(now).toMatchObject({ orgUnit: { code: 'org-test-other' }, position: { code: 'team-lead' }, until: null });
      expect(before).toMatchObject({ orgUnit: { code: 'org-test-team' }, position: { code: 'staff' } });
      expect(before?.until).toBe(now?.since);
      expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: taskId } })).assignee).toBe('orgmover');
      expect(
        await stack.prisma.auditLog.findFirst({ where: { objectId: person.id, action: 'org.person.moved' } }),
      ).toMatchObject({
        actor: 'admin',
        details: {
          fromUnitId: units['org-test-team']?.id,
          toUnitId: units['org-test-other']?.id,
          positionCode: 'team-lead',
        },
      });
    });

    it('takes the headship away from a head who leaves the unit', async () => {
      const head = await newPerson('orgleaving', 'org-test-team', { positionCode: 'team-lead' });
      const team = units['org-test-team'] as Unit;
      await api().patch(`/api/org/units/${team.id}`).set(as(admin)).send({ headId: head.id }).expect(200);
      await api()
        .post(`/api/org/people/${head.id}/move`)
        .set(as(admin))
        .send({ orgUnitId: units['org-test-other']?.id })
        .expect(200);
      expect((await unitByCode('org-test-team')).headId).toBeNull();
    });

    it('refuses a move to an unknown unit or to where the person already is, and nothing changes', async () => {
      const person = await newPerson('orgstays', 'org-test-team');
      const before = await snapshot();
      const unknown = await api()
        .post(`/api/org/people/${person.id}/move`)
        .set(as(admin))
        .send({ orgUnitId: '6f1c9b7e-0000-4000-8000-000000000004' })
        .expect(422);
      expect(unknown.body).toMatchObject({
        code: 'UNKNOWN_REFERENCE',
        message: expect.stringContaining('6f1c9b7e-0000-4000-8000-000000000004'),
      });
      await api()
        .post(`/api/org/people/${person.id}/move`)
        .set(as(admin))
        .send({ orgUnitId: units['org-test-team']?.id })
        .expect(409);
      await api()
        .post(`/api/org/people/${person.id}/move`)
        .set(as(admin))
        .send({ orgUnitId: units['org-test-other']?.id, positionCode: 'chancellor' })
        .expect(422);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('handover (인수인계)', () => {
    it('moves exactly the open tasks assigned to or naming the person, and records and audits them', async () => {
      const leaving = await newPerson('orgfrom', 'org-test-team');
      const successor = await newPerson('orgto', 'org-test-team');
      const assigned = await insertTask({ assignee: 'orgfrom' });
      const offered = await insertTask({ candidateUsers: ['clerk3', 'orgfrom'] });
      const offeredToBoth = await insertTask({ candidateUsers: ['orgfrom', 'orgto'] });
      const delegated = await insertTask({ assignee: 'clerk3', owner: 'orgfrom' });
      const closed = await insertTask({ assignee: 'orgfrom', state: 'COMPLETED' });
      const someoneElses = await insertTask({ assignee: 'clerk3', candidateUsers: ['clerk3'] });

      const response = await api()
        .post(`/api/org/people/${leaving.id}/handover`)
        .set(as(admin))
        .send({ successorId: successor.id, reason: '육아휴직' })
        .expect(200);
      const { handover } = response.body as {
        handover: { id: string; taskIds: string[]; reason: string; handedOverBy: string };
      };
      expect(handover.taskIds.sort()).toEqual([assigned, offered, offeredToBoth, delegated].sort());
      expect(handover).toMatchObject({ reason: '육아휴직', handedOverBy: 'admin' });

      const task = (id: string) => stack.prisma.userTask.findUniqueOrThrow({ where: { id } });
      expect(await task(assigned)).toMatchObject({ assignee: 'orgto', state: 'CREATED' });
      expect(await task(offered)).toMatchObject({ assignee: null, candidateUsers: ['clerk3', 'orgto'] });
      expect(await task(offeredToBoth)).toMatchObject({ candidateUsers: ['orgto'] });
      // The delegate keeps working it; when they hand it back, it goes to the successor.
      expect(await task(delegated)).toMatchObject({ assignee: 'clerk3', owner: 'orgto', delegationState: 'PENDING' });
      expect(await task(closed)).toMatchObject({ assignee: 'orgfrom', state: 'COMPLETED' });
      expect(await task(someoneElses)).toMatchObject({ assignee: 'clerk3', candidateUsers: ['clerk3'] });

      expect(
        await stack.prisma.auditLog.findFirst({ where: { objectId: leaving.id, action: 'org.handover' } }),
      ).toMatchObject({
        actor: 'admin',
        details: { handoverId: handover.id, from: 'orgfrom', to: 'orgto', reason: '육아휴직' },
      });
      expect(
        (
          await stack.prisma.auditLog.findMany({
            where: { action: 'task.handedOver', details: { path: ['handoverId'], equals: handover.id } },
          })
        )
          .map((row) => row.objectId)
          .sort(),
      ).toEqual(handover.taskIds.sort());

      const toTheSuccessor = await api().get(`/api/org/people/${successor.id}`).set(as(clerk)).expect(200);
      expect((toTheSuccessor.body as PersonDetail).handovers).toEqual([
        expect.objectContaining({
          id: handover.id,
          from: expect.objectContaining({ username: 'orgfrom' }),
          to: expect.objectContaining({ username: 'orgto' }),
        }),
      ]);
      // The successor now sees the task that was assigned to the person who left.
      const successorToken = await stack.login('orgto');
      await api().get(`/api/tasks/${assigned}`).set(as(successorToken)).expect(200);
    });

    it('hands over within a move when the move names a successor', async () => {
      const leaving = await newPerson('orgtransfer', 'org-test-team');
      const successor = await newPerson('orgheir', 'org-test-team');
      const assigned = await insertTask({ assignee: 'orgtransfer' });
      const response = await api()
        .post(`/api/org/people/${leaving.id}/move`)
        .set(as(admin))
        .send({ orgUnitId: units['org-test-other']?.id, successorId: successor.id })
        .expect(200);
      expect(response.body).toMatchObject({
        person: { orgUnit: { code: 'org-test-other' } },
        handover: { taskIds: [assigned], reason: '전보: 다른시험과' },
      });
      expect((await stack.prisma.userTask.findUniqueOrThrow({ where: { id: assigned } })).assignee).toBe('orgheir');
    });

    it('refuses the person themself, an unknown or an inactive successor, and nothing changes (a move neither)', async () => {
      const leaving = await newPerson('orgrefusedfrom', 'org-test-team');
      const inactive = await newPerson('orginactive', 'org-test-team', { active: false });
      await insertTask({ assignee: 'orgrefusedfrom' });
      const before = await snapshot();
      const refusals = [
        { successorId: leaving.id, status: 422, names: 'themself' },
        {
          successorId: '6f1c9b7e-0000-4000-8000-000000000005',
          status: 422,
          names: '6f1c9b7e-0000-4000-8000-000000000005',
        },
        { successorId: inactive.id, status: 422, names: 'orginactive' },
      ];
      for (const { successorId, status, names } of refusals) {
        const handover = await api()
          .post(`/api/org/people/${leaving.id}/handover`)
          .set(as(admin))
          .send({ successorId })
          .expect(status);
        expect((handover.body as { message: string }).message).toContain(names);
        const move = await api()
          .post(`/api/org/people/${leaving.id}/move`)
          .set(as(admin))
          .send({ orgUnitId: units['org-test-other']?.id, successorId })
          .expect(status);
        expect((move.body as { message: string }).message).toContain(names);
      }
      await api()
        .post(`/api/org/people/${randomUUID()}/handover`)
        .set(as(admin))
        .send({ successorId: leaving.id })
        .expect(404);
      expect(await snapshot()).toEqual(before);
    });
  });
});
