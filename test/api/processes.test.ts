/**
 * The process catalogue (GET /api/processes) with who deployed each version and its instance counts, and the
 * deployed XML of a version (GET /api/process-definitions/:id/xml), as the modeler's pages read them.
 */
import request from 'supertest';
import { oneTaskProcess } from '../support/bpmn';
import { insertInstance } from '../support/instances-without-interpreter';
import { startTestStack, type TestStack } from '../support/stack';

interface Version {
  definitionId: string;
  version: number;
  versionTag: string | null;
  deployedBy: { username: string; displayName: string } | null;
  deployedAt: string;
  instances: Record<'active' | 'completed' | 'incident' | 'cancelled' | 'total', number>;
}
interface CatalogueEntry {
  processId: string;
  name: string | null;
  latest: { definitionId: string; version: number };
  versions: Version[];
}

describe('the process catalogue and deployed XML', () => {
  let stack: TestStack;
  let analyst: string;
  let clerk: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const firstXml = oneTaskProcess('catalogued');
  const secondXml = oneTaskProcess('catalogued', 'general-affairs');

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    analyst = await stack.login('analyst1');
    clerk = await stack.login('clerk1');
    const deploy = (xml: string) =>
      api().post('/api/deployments').set(as(analyst)).type('application/xml').send(xml).expect(201);
    await deploy(firstXml);
    const states = ['ACTIVE', 'ACTIVE', 'COMPLETED', 'INCIDENT', 'CANCELED'] as const;
    for (const state of states) {
      const id = await insertInstance(stack, 'catalogued');
      await stack.prisma.processInstance.update({ where: { id }, data: { state } });
    }
    await deploy(secondXml);
    await insertInstance(stack, 'catalogued');
  });
  afterAll(() => stack.stop());

  it('lists every process with its versions newest first, who deployed them, and their instance counts', async () => {
    const response = await api().get('/api/processes').set(as(analyst)).expect(200);
    const catalogued = (response.body as CatalogueEntry[]).find((entry) => entry.processId === 'catalogued');
    const [second, first] = catalogued?.versions ?? [];
    expect(catalogued?.latest).toEqual({ definitionId: second?.definitionId, version: 2 });
    expect(catalogued?.versions.map((version) => version.version)).toEqual([2, 1]);
    expect(first).toMatchObject({
      deployedBy: { username: 'analyst1', displayName: expect.stringContaining('Analyst One') },
      deployedAt: expect.any(String),
      instances: { active: 2, completed: 1, incident: 1, cancelled: 1, total: 5 },
    });
    expect(second?.instances).toEqual({ active: 1, completed: 0, incident: 0, cancelled: 0, total: 1 });
  });

  it('counts only the instances the caller may read: a clerk with no part in them sees the process, counted 0', async () => {
    const response = await api().get('/api/processes').set(as(clerk)).expect(200);
    const catalogued = (response.body as CatalogueEntry[]).find((entry) => entry.processId === 'catalogued');
    expect(catalogued?.versions.map((version) => version.instances.total)).toEqual([0, 0]);
  });

  it('answers a version deployed by no one (a script) with deployedBy null', async () => {
    await stack.prisma.processDefinition.updateMany({
      where: { bpmnProcessId: 'catalogued', version: 1 },
      data: { deployedById: null },
    });
    const response = await api().get('/api/processes').set(as(analyst)).expect(200);
    const catalogued = (response.body as CatalogueEntry[]).find((entry) => entry.processId === 'catalogued');
    expect(catalogued?.versions.map((version) => version.deployedBy?.username ?? null)).toEqual(['analyst1', null]);
  });

  it('serves the deployed XML of each version as application/xml', async () => {
    const versions = await stack.prisma.processDefinition.findMany({
      where: { bpmnProcessId: 'catalogued' },
      orderBy: { version: 'asc' },
    });
    for (const [definition, xml] of versions.map((row, i) => [row, [firstXml, secondXml][i]] as const)) {
      const response = await api().get(`/api/process-definitions/${definition.id}/xml`).set(as(clerk)).expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/xml/);
      expect(response.text).toBe(xml);
    }
  });

  it('answers 404 for a definition that does not exist, and 401 to a caller who is not signed in', async () => {
    await api().get('/api/process-definitions/00000000-0000-4000-8000-000000000000/xml').set(as(clerk)).expect(404);
    await api().get('/api/process-definitions/not-a-uuid/xml').set(as(clerk)).expect(404);
    for (const path of ['/api/processes', '/api/forms/any', '/api/drafts']) {
      const response = await api().get(path).expect(401);
      expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });
});
