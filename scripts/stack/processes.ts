// Child processes of the local stack: each in its own process group, so that
// - a Ctrl-C in the terminal reaches only the supervisor, which then stops children in reverse start order, and
// - stop() kills the whole group (tsx, go-built servers and anything they fork), leaving nothing behind.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

export interface ChildService {
  name: string;
  pid: number;
  /** Settles when the process has exited (never rejects). */
  exited: Promise<ExitInfo>;
  /** Last lines of output, for error messages. */
  tail: () => string[];
  /** SIGTERM to the group, SIGKILL after graceMs; resolves once the leader is gone. */
  stop: (graceMs?: number) => Promise<ExitInfo>;
  /** SIGKILL to the group at once (durability tests). */
  kill9: () => Promise<ExitInfo>;
  /** `signal` to the group without grace; resolves once the leader is gone (so only for a signal that ends it). */
  kill: (signal: NodeJS.Signals) => Promise<ExitInfo>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

const TAIL_LINES = 40;

export function spawnService(opts: SpawnOptions): ChildService {
  const { name, logger } = opts;
  const child = spawn(opts.command, opts.args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    detached: true, // new process group, see above
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stopping = false; // servers log connection errors while shutting down: keep those out of the console
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  void exited.then((info) => logger.debug({ proc: name, ...info }, 'process exited'));

  for (const [stream, input] of [
    ['stdout', child.stdout],
    ['stderr', child.stderr],
  ] as const) {
    createInterface({ input }).on('line', (line) => {
      lines.push(line);
      if (lines.length > TAIL_LINES) lines.shift();
      if (!stopping) passLine(name, stream, line, logger);
    });
  }

  const group = (signal: NodeJS.Signals): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* group already gone */
    }
  };
  const stop = async (graceMs = 10_000): Promise<ExitInfo> => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) group('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((r) => {
      timer = setTimeout(() => r('timeout'), graceMs);
    });
    const first = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (first === 'timeout') logger.warn({ proc: name, graceMs }, 'did not stop in time; SIGKILL');
    group('SIGKILL'); // also sweeps grandchildren that outlived their parent
    return exited;
  };
  const kill = async (signal: NodeJS.Signals): Promise<ExitInfo> => {
    stopping = true;
    group(signal);
    return exited;
  };
  const kill9 = () => kill('SIGKILL');

  if (child.pid === undefined) logger.error({ proc: name, command: opts.command }, 'failed to spawn');
  return { name, pid: child.pid ?? -1, exited, tail: () => [...lines], stop, kill9, kill };
}

/** Runs a TypeScript entry point as `node --import tsx <file>`: one process (the `tsx` CLI would add a relay). */
export function spawnTsx(opts: Omit<SpawnOptions, 'command' | 'args'> & { file: string }): ChildService {
  return spawnService({ ...opts, command: process.execPath, args: ['--import', 'tsx', opts.file] });
}

const LEVELS: Record<string, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  warning: 40,
  error: 50,
  fatal: 60,
  dpanic: 60,
  panic: 60,
};

// JSON lines (pino in the API and worker, Temporal's zap logs) pass through as JSON with the child's name added,
// filtered by our logger's level; other lines are wrapped.
function passLine(name: string, stream: 'stdout' | 'stderr', line: string, logger: Logger): void {
  if (line.startsWith('{')) {
    let record: Record<string, unknown> | undefined;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      /* not JSON after all */
    }
    if (record) {
      const level =
        typeof record.level === 'number' ? record.level : (LEVELS[String(record.level).toLowerCase()] ?? 30);
      if (level >= logger.levelVal) process.stdout.write(`${JSON.stringify({ proc: name, ...record })}\n`);
      return;
    }
  }
  // stderr is not a severity: SDKs and bundlers log progress there. A crash is reported by whoever watches `exited`.
  if (line.trim() !== '') logger.info({ proc: name, stream }, line);
}
