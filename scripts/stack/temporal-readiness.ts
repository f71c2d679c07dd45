/**
 * Waiting for a Temporal server we just spawned: poll its frontend until a check passes, failing early when the
 * process dies and with the last error when it never gets there.
 */
import { Connection } from '@temporalio/client';
import type { ExitInfo } from './processes';

type WorkflowService = Connection['workflowService'];

export async function waitForTemporal(
  address: string,
  exited: Promise<ExitInfo>,
  options: { timeoutMs: number; intervalMs: number },
  ready: (service: WorkflowService) => Promise<void>,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let died: ExitInfo | undefined;
  void exited.then((info) => {
    died = info;
  });
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (died)
      throw new Error(
        `server exited early (code ${died.code}, signal ${died.signal}${died.error ? `, ${died.error.message}` : ''})`,
      );
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 1_000 });
      await ready(connection.workflowService);
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, options.intervalMs));
    } finally {
      await connection?.close();
    }
  }
  throw new Error(
    `not serving within ${options.timeoutMs} ms (last error: ${(lastError as Error | undefined)?.message})`,
  );
}
