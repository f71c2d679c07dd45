/**
 * `npm run fuzz`: schemathesis (PyPI, 4.x, installed once into .cache/schemathesis) generates requests from the
 * API's own OpenAPI document (/api/openapi.json, which covers /v2 too) and sends them, as the demo administrator, to
 * a stack of its own (bench/api-stack.ts). Every answer must be no server error, have a status the document lists
 * for its operation and match that status's schema (docs/reliability.md, "Load and fuzzing"). Options:
 *   --examples <n>   generated cases per operation in the fuzzing phase (default 40: over 10,000 requests in all)
 *   --seed <n>       schemathesis's random seed, to reproduce a run
 * Ends with `fuzz: N requests, S server errors, V schema violations` and exits 1 unless both are 0 and N is at
 * least 10,000. Bounded: the fuzzer is stopped after 10 minutes.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../platform/logger';
import { startApiStack } from './api-stack';

const VENV = join(__dirname, '..', '.cache', 'schemathesis');
/** The last run's schemathesis reports (events, JUnit), kept for reading its failures. */
const REPORT_DIR = join(__dirname, '..', '.cache', 'fuzz-report');
const SCHEMATHESIS = join(VENV, 'bin', 'st');
const TIME_LIMIT_MS = 10 * 60_000;
/** The run counts only if it sent at least this many requests (a time limit reached early sends fewer). */
const MIN_REQUESTS = 10_000;
const PASSWORD = 'fuzz-password';
const CHECKS = ['not_a_server_error', 'status_code_conformance', 'response_schema_conformance'];
/** Ending the fuzzer's own session would turn every later request into a 401. */
const EXCLUDED_PATHS = ['/api/auth/logout', '/api/auth/logout-all'];

const { values: args } = parseArgs({ options: { examples: { type: 'string' }, seed: { type: 'string' } } });

/** A venv under .cache/, reused by later runs; pip is asked for the newest 4.x once. */
function ensureSchemathesis(): void {
  if (existsSync(SCHEMATHESIS)) return;
  console.log(`fuzz: installing schemathesis 4.x into ${VENV}...`);
  execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
  execFileSync(join(VENV, 'bin', 'pip'), ['install', '--quiet', 'schemathesis>=4,<5'], { stdio: 'inherit' });
}

async function main(): Promise<number> {
  ensureSchemathesis();
  console.log('fuzz: starting the stack...');
  const stack = await startApiStack(createLogger('fuzz', 'warn'), PASSWORD);
  rmSync(REPORT_DIR, { recursive: true, force: true });
  mkdirSync(REPORT_DIR, { recursive: true });
  try {
    const token = await stack.token('admin');
    const code = await runSchemathesis([
      'run',
      `${stack.baseUrl}/api/openapi.json`,
      '--url',
      stack.baseUrl,
      '--checks',
      CHECKS.join(','),
      '--phases',
      'examples,coverage,fuzzing',
      '--max-examples',
      args.examples ?? '40',
      ...(args.seed ? ['--seed', args.seed] : []),
      '--workers',
      '2',
      '--header',
      `Authorization: Bearer ${token}`,
      ...EXCLUDED_PATHS.flatMap((path) => ['--exclude-path', path]),
      '--request-timeout',
      '10',
      '--suppress-health-check',
      'all',
      '--report',
      'ndjson,junit',
      '--report-dir',
      REPORT_DIR,
    ]);
    const summary = summarise(reportEvents());
    console.log(
      `fuzz: ${summary.requests} requests, ${summary.serverErrors} server errors, ` +
        `${summary.schemaViolations} schema violations`,
    );
    if (summary.requests < MIN_REQUESTS) console.log(`fuzz: fewer than ${MIN_REQUESTS} requests; raise --examples.`);
    const clean = summary.serverErrors === 0 && summary.schemaViolations === 0;
    return code === 0 && clean && summary.requests >= MIN_REQUESTS ? 0 : 1;
  } finally {
    await stack.stop();
  }
}

function runSchemathesis(argv: string[]): Promise<number> {
  // In .cache/, where its state folder (.schemathesis) stays out of the work tree.
  const child = spawn(SCHEMATHESIS, argv, { stdio: 'inherit', cwd: join(VENV, '..') });
  const timer = setTimeout(() => {
    console.log('fuzz: the time limit is reached; stopping schemathesis.');
    child.kill('SIGINT');
  }, TIME_LIMIT_MS);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    }),
  );
}

interface ScenarioRecord {
  interactions?: Record<string, { response?: unknown }>;
  checks?: Record<string, Array<{ name: string; status: string }>>;
}

const SCHEMA_CHECKS = new Set(['status_code_conformance', 'response_schema_conformance']);

/** Counts from schemathesis's event stream: the requests answered, and the requests that failed each kind of check. */
function summarise(events: string[]) {
  const summary = { requests: 0, serverErrors: 0, schemaViolations: 0 };
  for (const line of events) {
    const finished = (JSON.parse(line) as { ScenarioFinished?: { recorder: ScenarioRecord } }).ScenarioFinished;
    if (!finished) continue;
    const { interactions = {}, checks = {} } = finished.recorder;
    summary.requests += Object.values(interactions).filter((interaction) => interaction.response).length;
    for (const results of Object.values(checks)) {
      const failed = results.filter((check) => check.status === 'failure');
      if (failed.some((check) => check.name === 'not_a_server_error')) summary.serverErrors += 1;
      if (failed.some((check) => SCHEMA_CHECKS.has(check.name))) summary.schemaViolations += 1;
    }
  }
  return summary;
}

/** The event lines of the run's NDJSON report (schemathesis names the file after the time). */
function reportEvents(): string[] {
  const file = readdirSync(REPORT_DIR).find((name) => name.endsWith('.ndjson'));
  return file ? readFileSync(join(REPORT_DIR, file), 'utf8').split('\n').filter(Boolean) : [];
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
