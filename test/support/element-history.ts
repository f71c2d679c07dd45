/** What the operations console shows of an instance's path: its element history rows in PostgreSQL. */
import type { TestStack } from './stack';

export interface HistoryRow {
  elementId: string;
  elementType: string;
  state: string;
  scopeInstanceId: string | null;
  elementInstanceId: string;
}

/** The element history of an instance, in the order the elements started. */
export async function elementHistory(stack: TestStack, instanceId: string): Promise<HistoryRow[]> {
  const rows = await stack.prisma.elementInstance.findMany({ where: { processInstanceId: instanceId } });
  const order = (id: string) => Number(id.slice(id.lastIndexOf('#') + 1));
  return rows
    .sort((a, b) => order(a.elementInstanceId) - order(b.elementInstanceId))
    .map(({ elementId, elementType, state, scopeInstanceId, elementInstanceId }) => ({
      elementId,
      elementType,
      state,
      scopeInstanceId,
      elementInstanceId,
    }));
}

/** The ids of the elements that completed, in the order they started. */
export async function completedPath(stack: TestStack, instanceId: string): Promise<string[]> {
  return (await elementHistory(stack, instanceId))
    .filter((row) => row.state === 'COMPLETED')
    .map((row) => row.elementId);
}

/** How many times each element ended in the given state. */
export async function countIn(stack: TestStack, instanceId: string, state: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const row of await elementHistory(stack, instanceId))
    if (row.state === state) counts[row.elementId] = (counts[row.elementId] ?? 0) + 1;
  return counts;
}
