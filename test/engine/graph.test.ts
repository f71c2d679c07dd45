import { compileBpmn } from '../../bpmn/compile';
import { loadGraph } from '../../engine/graph';
import type { Prisma } from '../../platform/db';
import { AppError } from '../../shared/app-error';
import { GRAPH_FORMAT_VERSION } from '../../shared/graph';
import { demoApprovalXml } from '../support/bpmn';

/** A definition row as PostgreSQL hands it back: the graph as plain JSON. */
async function storedDemo(change: (graph: Prisma.JsonObject) => void = () => undefined) {
  const [compiled] = await compileBpmn(demoApprovalXml);
  const graph = JSON.parse(JSON.stringify(compiled)) as Prisma.JsonObject;
  change(graph);
  return { bpmnProcessId: 'demo-approval', version: 3, graph };
}

function refusal(definition: Parameters<typeof loadGraph>[0]): AppError {
  try {
    loadGraph(definition);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the graph to be refused');
}

describe('loadGraph', () => {
  it('the compiler writes the current format version, and the loader returns the graph as compiled', async () => {
    const [compiled] = await compileBpmn(demoApprovalXml);
    expect(compiled?.formatVersion).toBe(GRAPH_FORMAT_VERSION);
    expect(loadGraph(await storedDemo())).toEqual(compiled);
  });

  it('takes a graph stored before the format carried its version as the first format', async () => {
    // given a definition stored without formatVersion
    const definition = await storedDemo((graph) => delete graph.formatVersion);
    // when it is loaded, then it runs as format 1 with everything else unchanged
    const graph = loadGraph(definition);
    expect(graph.formatVersion).toBe(1);
    expect(graph).toMatchObject({ processId: 'demo-approval', startEventId: 'request-received' });
    expect(Object.keys(graph.elements)).toContain('review-request');
  });

  it.each([2, 0, '1', null])('refuses a graph of format %p, telling the operator to redeploy', async (version) => {
    const error = refusal(await storedDemo((graph) => (graph.formatVersion = version)));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain("'demo-approval' version 3");
    expect(error.message).toContain(JSON.stringify(version));
    expect(error.message).toMatch(/redeploy the process/);
  });

  it('refuses a definition whose stored graph is not an object', () => {
    for (const graph of [null, [], 'graph']) {
      const error = refusal({ bpmnProcessId: 'demo-approval', version: 1, graph });
      expect(error.message).toMatch(/redeploy the process/);
    }
  });
});
