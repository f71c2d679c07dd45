/**
 * Every stored history replays against the current interpreter: a change that would make running instances
 * take a different path fails here, and must go behind patched().
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR } from '../support/histories';
import { quietTemporalRuntime } from '../support/runtime';
import { PRELOADED_MODULES, WORKFLOWS_PATH } from '../../worker/workflow-bundle';

const histories = readdirSync(HISTORIES_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort();

quietTemporalRuntime();

describe('replay of stored histories', () => {
  it('has histories to replay', () => {
    expect(histories.length).toBeGreaterThan(0);
  });

  it.each(histories)('replays %s without nondeterminism', async (file) => {
    const history = JSON.parse(readFileSync(path.join(HISTORIES_DIR, file), 'utf8')) as unknown;
    const bundlePath = process.env.WORKFLOW_BUNDLE_PATH;
    const workflows = bundlePath
      ? { workflowBundle: { codePath: bundlePath } }
      : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: PRELOADED_MODULES } };
    await expect(Worker.runReplayHistory(workflows, history, file)).resolves.toBeUndefined();
  });
});
