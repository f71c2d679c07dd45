/**
 * What the API acknowledged during the run, kept in memory and saved as JSON: every start (its instance id) and
 * every completion (its task id and decision), and every answer that was not a 2xx. The invariants are checked
 * against it, so a write the API said it made and then lost shows up by id.
 */
import { writeFile } from 'node:fs/promises';

export type EndElement = 'request-approved' | 'request-rejected';

/** The bots' decision for an instance, fixed by its id, so even a start the API never acknowledged has one. */
export function decisionFor(instanceId: string): boolean {
  return parseInt(instanceId.slice(-1), 16) % 2 === 0;
}

export function expectedEnd(approved: boolean): EndElement {
  return approved ? 'request-approved' : 'request-rejected';
}

export interface RefusedAnswer {
  at: string;
  method: string;
  path: string;
  /** 0: no HTTP answer at all (connection refused or reset, timeout). */
  status: number;
  code?: string;
  /** The body looked like a stack trace or a driver message. */
  leaksInternals: boolean;
  /** The faults in force when the answer came. */
  faults: string[];
}

export class Ledger {
  readonly starts = new Map<string, { applicantEmail: string; at: string }>();
  readonly completions = new Map<string, { instanceId: string; approved: boolean; at: string }>();
  readonly refused: RefusedAnswer[] = [];

  constructor(private readonly file: string) {}

  started(instanceId: string, applicantEmail: string): void {
    this.starts.set(instanceId, { applicantEmail, at: new Date().toISOString() });
  }

  completed(taskId: string, instanceId: string, approved: boolean): void {
    this.completions.set(taskId, { instanceId, approved, at: new Date().toISOString() });
  }

  save(extra: Record<string, unknown> = {}): Promise<void> {
    const json = {
      starts: Object.fromEntries(this.starts),
      completions: Object.fromEntries(this.completions),
      refused: this.refused,
      ...extra,
    };
    return writeFile(this.file, `${JSON.stringify(json, null, 1)}\n`);
  }
}
