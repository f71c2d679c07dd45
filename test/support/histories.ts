/**
 * Stored workflow histories guard determinism (docs/conventions.md §11). Tests that run a representative scenario
 * call recordHistory(); with RECORD_HISTORIES=1 the history is (re)written to test/histories/, otherwise nothing
 * happens. Re-record only when a behaviour change is intended and guarded by patched().
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const HISTORIES_DIR = path.resolve(__dirname, '../histories');

/**
 * Records the workflow's latest run, or with `run: 'first'` its first one: the run that received an update which
 * continued it as new (a modification, a migration) holds the behaviour under guard.
 */
export async function recordHistory(
  temporal: Client,
  workflowId: string,
  name: string,
  run: 'latest' | 'first' = 'latest',
): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const runId =
    run === 'first'
      ? ((await temporal.workflow.getHandle(workflowId).describe()).raw.workflowExecutionInfo?.firstRunId ?? undefined)
      : undefined;
  const history = await temporal.workflow.getHandle(workflowId, runId).fetchHistory();
  mkdirSync(HISTORIES_DIR, { recursive: true });
  // The same proto3 JSON as `temporal workflow show --output json`, so the CLI can read these files too.
  writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), `${historyToJSON(history)}\n`);
}
