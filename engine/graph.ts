/**
 * The one way from a stored definition to the graph the interpreter runs: the JSON column is checked for the graph
 * format it was compiled in, so a definition stored by an engine with a different format is refused with advice
 * instead of failing somewhere inside a running instance.
 */
import { AppError } from '../shared/app-error';
import { GRAPH_FORMAT_VERSION, type ProcessGraph } from '../shared/graph';
import type { Prisma } from '../platform/db';

export interface StoredDefinition {
  bpmnProcessId: string;
  version: number;
  graph: Prisma.JsonValue;
}

/** Graphs stored before the format carried its version are of the first format: it has not changed since. */
const UNVERSIONED_FORMAT = 1;

export function loadGraph(definition: StoredDefinition): ProcessGraph {
  const stored = definition.graph;
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    throw new AppError(
      'CONFLICT',
      `Process '${definition.bpmnProcessId}' version ${definition.version} has no stored graph; redeploy the process.`,
    );
  }
  const formatVersion = stored.formatVersion === undefined ? UNVERSIONED_FORMAT : stored.formatVersion;
  if (formatVersion !== GRAPH_FORMAT_VERSION) {
    throw new AppError(
      'CONFLICT',
      `Process '${definition.bpmnProcessId}' version ${definition.version} was stored in graph format ${JSON.stringify(formatVersion)}, which this engine does not run (it runs format ${GRAPH_FORMAT_VERSION}); redeploy the process.`,
    );
  }
  // The compiler wrote this object (bpmn/compile.ts) and stored versions never change: the version is its check.
  return { ...(stored as unknown as ProcessGraph), formatVersion: GRAPH_FORMAT_VERSION };
}
