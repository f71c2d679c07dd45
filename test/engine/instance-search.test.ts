/** The instance filter and where-builder, without a database. */
import { instanceWhere, parseInstanceQuery } from '../../engine/instance-search';

const now = new Date('2026-05-01T00:00:00Z');

describe('parseInstanceQuery', () => {
  it('splits a query into filter, sort and page, reading variable values as JSON scalars or text', () => {
    const parsed = parseInstanceQuery({
      processId: 'p',
      state: 'ACTIVE,INCIDENT',
      'var.amount': '5',
      'var.code': '"5"',
      'var.note': 'hello',
      'var.doc': '{"a":1}',
      sort: 'businessKey',
      order: 'asc',
      limit: '10',
    });
    expect(parsed.filter).toMatchObject({
      processId: 'p',
      state: ['ACTIVE', 'INCIDENT'],
      variables: { amount: 5, code: '5', note: 'hello', doc: '{"a":1}' },
    });
    expect(parsed.sort).toEqual({ sort: 'businessKey', order: 'asc' });
    expect(parsed.page).toEqual({ limit: 10 });
  });

  it.each([
    [{ foo: '1' }, /Unknown query fields: foo/],
    [{ 'var.1a': '1' }, /var\.1a: is no variable name/],
    [{ endedAfter: '2026-01-01', endedBefore: '2040-01-01' }, /endedBefore: is more than 10 years after endedAfter/],
    [{ startedBefore: 'not a date' }, /startedBefore: must be an ISO 8601/],
    [{ overdue: 'yes' }, /overdue: must be true or false/],
  ])('refuses %j', (query, message) => {
    expect(() => parseInstanceQuery(query)).toThrow(message);
  });
});

describe('instanceWhere', () => {
  const where = (query: Record<string, string>) => instanceWhere(parseInstanceQuery(query).filter, { now });

  it('selects everything without a filter', () => {
    expect(where({})).toEqual({ AND: [] });
  });

  it('binds variable names as a JSON path and values as values', () => {
    expect(where({ 'var.applicant.name': "x' OR 1=1", 'var.n': '3' }).AND).toEqual([
      { variables: { path: ['applicant', 'name'], equals: "x' OR 1=1" } },
      { variables: { path: ['n'], equals: 3 } },
    ]);
  });

  it('reads overdue as an open task due before now, and incident as the INCIDENT state', () => {
    expect(where({ overdue: 'true', incident: 'false' }).AND).toEqual([
      { tasks: { some: { state: 'CREATED', dueAt: { lt: now } } } },
      { state: { not: 'INCIDENT' } },
    ]);
  });

  it('takes a department as its people (who started) and its units (whose tasks)', () => {
    const filter = parseInstanceQuery({ orgUnitId: '7f2c4c55-7d1c-4d1e-9a55-1b1f3f4b2a10' }).filter;
    expect(instanceWhere(filter, { now, department: { unitIds: ['u1', 'u2'], starterIds: ['p1'] } }).AND).toEqual([
      { OR: [{ startedById: { in: ['p1'] } }, { tasks: { some: { orgUnitId: { in: ['u1', 'u2'] } } } }] },
    ]);
  });
});
