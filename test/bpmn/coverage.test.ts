import { readFileSync } from 'node:fs';
import { compileBpmn } from '../../bpmn/compile';
import { coverageMarkdown, engineCoverage, type Coverage } from '../../bpmn/coverage';
import { elementCompilers } from '../../bpmn/compilers';
import { formatted, README_PATH, whatRunsSection } from '../../scripts/readme-sections';
import { bpmn, flow } from '../support/bpmn';

let coverage: Coverage;
beforeAll(async () => {
  coverage = await engineCoverage();
});

const accepted = (definition: string) => coverage.events.find((event) => event.definition === definition)!.accepted;

describe('what the engine runs, asked of the compiler', () => {
  it('lists every element type that has a compiler, and no other', () => {
    expect(coverage.elements.map((element) => element.type).sort()).toEqual(Object.keys(elementCompilers).sort());
  });

  it('finds by compiling what BPMN and Zeebe allow and what the engine refuses', () => {
    expect(accepted('error').boundary).toEqual(['interrupting']);
    expect(accepted('timer').boundary).toEqual(['interrupting', 'non-interrupting']);
    expect(accepted('timer')['intermediate throw']).toEqual([]);
    expect(accepted('terminate').end).toEqual(['yes']);
    expect(Object.values(accepted('cancel')).flat()).toEqual([]);
  });

  it('agrees with a model deployed the ordinary way', async () => {
    // The table says an escalation cannot be caught by an intermediate catch event; the compiler says so too.
    const xml = bpmn(
      `<bpmn:startEvent id="start" />${flow('f1', 'start', 'wait')}
       <bpmn:intermediateCatchEvent id="wait"><bpmn:escalationEventDefinition /></bpmn:intermediateCatchEvent>
       ${flow('f2', 'wait', 'end')}<bpmn:endEvent id="end" />`,
    );
    expect(accepted('escalation')['intermediate catch']).toEqual([]);
    await expect(compileBpmn(xml)).rejects.toMatchObject({ code: 'BPMN_UNSUPPORTED', details: { elementId: 'wait' } });
  });
});

describe('README "What runs"', () => {
  it('is what the compiler accepts (run `npm run docs:what-runs` after changing a compiler)', () => {
    const readme = readFileSync(README_PATH, 'utf8');
    expect(whatRunsSection(readme)).toBe(formatted(coverageMarkdown(coverage)));
  });
});
