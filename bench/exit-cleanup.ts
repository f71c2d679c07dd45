/**
 * What the bench started, killed on any exit of the bench process: an error, an unhandled rejection, Ctrl-C or
 * SIGTERM. The normal path stops each part gracefully (stack.ts stop()); this is the net under it, so that no worker,
 * server or database outlives a failed run. Only synchronous work is possible in an `exit` handler, hence signals.
 */
import { rmSync } from 'node:fs';

const groups = new Set<number>();
const postmasters = new Set<number>();
const folders = new Set<string>();
let installed = false;

/** A process group the bench spawned (its leader's pid), killed with SIGKILL on exit. */
export function trackGroup(pid: number): () => void {
  install();
  groups.add(pid);
  return () => groups.delete(pid);
}

/** A PostgreSQL postmaster (daemonised, not in one of our groups): SIGQUIT is its immediate shutdown. */
export function trackPostmaster(pid: number): () => void {
  install();
  postmasters.add(pid);
  return () => postmasters.delete(pid);
}

export function trackFolder(path: string): () => void {
  install();
  folders.add(path);
  return () => folders.delete(path);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`bench: ${signal}, stopping everything it started`);
      process.exit(130); // runs killAll through the exit handler
    });
  }
}

function killAll(): void {
  for (const pid of groups) signal(-pid, 'SIGKILL');
  for (const pid of postmasters) signal(pid, 'SIGQUIT');
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
