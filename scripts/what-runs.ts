// `npm run docs:what-runs`: rewrites the README's "What runs" section from what the compiler accepts
// (bpmn/coverage.ts). test/bpmn/coverage.test.ts fails while the README and the compiler disagree.
import { readFile, writeFile } from 'node:fs/promises';
import { coverageMarkdown, engineCoverage } from '../bpmn/coverage';
import { formatted, README_PATH, replaceWhatRuns } from './readme-sections';

async function main(): Promise<void> {
  const section = formatted(coverageMarkdown(await engineCoverage()));
  const before = await readFile(README_PATH, 'utf8');
  const after = replaceWhatRuns(before, section);
  if (after === before) console.log('README.md: "What runs" is up to date');
  else {
    await writeFile(README_PATH, after);
    console.log('README.md: "What runs" rewritten from the compiler');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
