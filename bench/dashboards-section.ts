/**
 * The "Dashboards at volume" section of docs/benchmarks.md. It is written by `npm run bench:dashboards`, and the
 * main benchmark (which rewrites the rest of the file) keeps it, so each figure stays with the run that measured it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const HEADING = '## Dashboards at volume';

/** The section as the file holds it now (from its heading to the next section or the end), or ''. */
export function dashboardsSection(file: string): string {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const start = text.indexOf(`\n${HEADING}\n`);
  if (start < 0) return '';
  const next = text.indexOf('\n## ', start + HEADING.length + 1);
  return text.slice(start + 1, next < 0 ? undefined : next + 1);
}

/** Puts `section` (starting with its heading) in place of the one the file holds, or at its end. */
export function writeDashboardsSection(file: string, section: string): void {
  const text = readFileSync(file, 'utf8');
  const old = dashboardsSection(file);
  const body = section.endsWith('\n') ? section : `${section}\n`;
  writeFileSync(file, old ? text.replace(old, body) : `${text.trimEnd()}\n\n${body}`);
}

export { HEADING as DASHBOARDS_HEADING };
