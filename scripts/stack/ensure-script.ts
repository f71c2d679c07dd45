/** Runs one of the scripts/ensure-*.sh installers and answers the path it prints. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const SCRIPTS = join(__dirname, '..');

/**
 * The script may build its tool from the Go module proxy (minutes, the first time): its progress goes straight to
 * our stderr rather than appearing all at once at the end.
 */
export function runEnsureScript(script: string, what: string): Promise<string> {
  return new Promise((resolvePath, reject) => {
    const child = spawn('bash', [join(SCRIPTS, script)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 && stdout.trim()
        ? resolvePath(stdout.trim())
        : reject(new Error(`no ${what}: scripts/${script} exited with ${code} (see its messages above)`)),
    );
  });
}
