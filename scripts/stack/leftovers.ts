// Children run in their own process groups, so a supervisor killed with SIGKILL (or a crashed terminal) cannot stop
// them and they keep the ports. The supervisor notes itself and each child in a file in the data dir:
// - while that supervisor is alive, a second one on the same data dir refuses to start;
// - once it is gone, the next start stops the children it left behind.
// A pid is only trusted while /proc/<pid>/cmdline still matches what was recorded (pids get reused); without
// /proc (macOS) this does nothing.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Logger } from 'pino';

interface Entry {
  name: string;
  pid: number;
  cmdline: string;
}
interface State {
  owner: Entry;
  children: Entry[];
}

const cmdlineOf = (pid: number): string | undefined => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return undefined;
  }
};
const alive = (e: Entry): boolean => cmdlineOf(e.pid) === e.cmdline;

export class LeftoverRegistry {
  private state: State = {
    owner: { name: 'supervisor', pid: process.pid, cmdline: cmdlineOf(process.pid) ?? '' },
    children: [],
  };
  constructor(private readonly file: string) {}

  /** Fails if another live supervisor owns the file; otherwise stops its leftovers and takes the file over. */
  async claim(log: Logger): Promise<void> {
    let previous: State | undefined;
    try {
      previous = JSON.parse(readFileSync(this.file, 'utf8')) as State;
    } catch {
      /* none, or unreadable */
    }
    if (previous?.owner && previous.owner.pid !== process.pid && alive(previous.owner)) {
      throw new Error(`another npm start (pid ${previous.owner.pid}) is running on this data dir; stop it first`);
    }
    const left = (previous?.children ?? []).filter(alive);
    for (const e of left) {
      log.warn({ part: e.name, pid: e.pid }, 'stopping a process left running by a previous start');
      try {
        process.kill(-e.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
    }
    const deadline = Date.now() + 10_000;
    while (left.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    for (const e of left.filter(alive)) {
      try {
        process.kill(-e.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    this.save();
  }

  record(name: string, pid: number): void {
    const cmdline = cmdlineOf(pid);
    if (cmdline === undefined) return;
    this.state.children.push({ name, pid, cmdline });
    this.save();
  }

  /** After a clean shutdown nothing is left to track. */
  release(): void {
    rmSync(this.file, { force: true });
  }

  private save(): void {
    writeFileSync(this.file, JSON.stringify(this.state, null, 1));
  }
}
