/** Bundles workflows/ once for production workers (dist/workflow-bundle.js); the worker uses it when present. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WORKFLOW_BUNDLE_PATH } from '../worker/create-worker';
import { bundleWorkflows } from '../worker/workflow-bundle';

async function main(): Promise<void> {
  const code = await bundleWorkflows();
  mkdirSync(path.dirname(WORKFLOW_BUNDLE_PATH), { recursive: true });
  writeFileSync(WORKFLOW_BUNDLE_PATH, code);
  console.log(`workflow bundle written to ${WORKFLOW_BUNDLE_PATH} (${(code.length / 1024).toFixed(0)} KiB)`);
}

void main();
