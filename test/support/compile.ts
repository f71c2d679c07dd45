/** The compiler's answer to a model: its one process graph, or the AppError it refuses the model with. */
import { compileBpmn } from '../../bpmn/compile';
import { AppError } from '../../shared/app-error';
import type { ProcessGraph } from '../../shared/graph';

export async function compileOne(xml: string): Promise<ProcessGraph> {
  const [graph] = await compileBpmn(xml);
  if (!graph) throw new Error('expected one compiled process');
  return graph;
}

export async function rejection(xml: string): Promise<AppError> {
  const thrown = await compileBpmn(xml).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(thrown instanceof AppError)) throw new Error(`expected an AppError, got ${String(thrown)}`);
  return thrown;
}
