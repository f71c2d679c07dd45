/**
 * Every model the project ships or tests with — the reference processes, the docs' examples, the modeler's
 * templates, the benchmark's and the conformance models — is Zeebe-deployable modelling, and each compiles here
 * (docs/zeebe-compatibility.md). A model that the compiler starts refusing shows up here by file name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileBpmn } from '../../bpmn/compile';

const ROOT = path.resolve(__dirname, '../..');
const FOLDERS = ['processes', 'docs/examples', 'modeler-ui/src/modeler/templates', 'bench', 'test/conformance/models'];

function modelFiles(extension: string): string[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith(extension))
      .map((file) => path.join(folder, file)),
  ).sort();
}

describe('every example model in the project deploys', () => {
  const bpmn = modelFiles('.bpmn');

  it('finds the models of every folder', () => {
    for (const folder of FOLDERS) expect(bpmn.some((file) => file.startsWith(`${folder}/`))).toBe(true);
  });

  it.each(bpmn)('%s compiles', async (file) => {
    const graphs = await compileBpmn(readFileSync(path.join(ROOT, file), 'utf8'));
    expect(graphs.length).toBeGreaterThan(0);
  });
});
