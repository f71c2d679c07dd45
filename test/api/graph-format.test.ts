/**
 * A definition stored in a graph format this engine does not run: starting it is refused with the advice to
 * redeploy, nothing is indexed, and redeploying the same XML makes a new version that runs.
 */
import request from 'supertest';
import { oneTaskProcess } from '../support/bpmn';
import { startTestStack, type TestStack } from '../support/stack';

describe('stored graph format', () => {
  let stack: TestStack;
  let analyst: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const deploy = (xml: string) =>
    api().post('/api/deployments').set(as(analyst)).type('application/xml').send(xml).expect(201);
  const start = (processId: string) => api().post('/api/process-instances').set(as(analyst)).send({ processId });

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    analyst = await stack.login('analyst1');
  });
  afterAll(() => stack.stop());

  it('refuses to start a graph of an unknown format, and a redeploy of the same XML makes a version that starts', async () => {
    // given version 1 whose stored graph claims a format this engine does not know
    const xml = oneTaskProcess('future-format');
    const first = (await deploy(xml)).body as { processes: Array<{ definitionId: string }> };
    const definitionId = first.processes[0]!.definitionId;
    const stored = await stack.prisma.processDefinition.findUniqueOrThrow({ where: { id: definitionId } });
    await stack.prisma.processDefinition.update({
      where: { id: definitionId },
      data: { graph: { ...(stored.graph as object), formatVersion: 99 } },
    });
    const instances = () => stack.prisma.processInstance.count({ where: { bpmnProcessId: 'future-format' } });

    // when it is started, then it is refused with the advice, and nothing is indexed
    const refused = await start('future-format').expect(409);
    expect(refused.body).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/format 99.*redeploy/) });
    expect(await instances()).toBe(0);

    // when the same XML is deployed again, then it is a new version (not the stored one returned), and it starts
    const again = await deploy(xml);
    expect(again.body).toEqual({
      processes: [expect.objectContaining({ processId: 'future-format', version: 2, created: true })],
      forms: [],
      decisions: [],
    });
    await start('future-format').expect(201);
    expect(await instances()).toBe(1);
  });
});
