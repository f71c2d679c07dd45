// `npm run db:generate` (also run by postinstall): Prisma 7's `prisma generate`, offline, with no DATABASE_URL.
//
// generate never runs the schema engine, but the CLI insists on locating one first and downloads it from Prisma's
// CDN when it is missing, which fails on a machine without internet. PRISMA_SCHEMA_ENGINE_BINARY pointing at any
// executable skips that, and Node itself is an executable every machine running this script has. The TRAP
// (docs/offline-setup.md, "Prisma"): with such a stand-in, `migrate deploy`/`status` exit 0 and do
// nothing, so the stand-in is set here, for generate only, and never in a shell profile or .env.
// Migrations go through prisma/migrate.ts.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const prismaCli = require.resolve('prisma/build/index.js', { paths: [root] });

const child = spawn(process.execPath, [prismaCli, 'generate'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    // A schema engine the user points at keeps priority; generate does not run it either way.
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    CHECKPOINT_DISABLE: '1', // no telemetry request to a host this machine cannot reach
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});

child.on('error', (error) => {
  console.error(`prisma generate could not start: ${error.message}`);
  process.exitCode = 1;
});
child.on('exit', (code) => {
  process.exitCode = code ?? 1; // null: killed by a signal
});
