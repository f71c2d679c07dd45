/** The DMN compiler: decision tables, literal expressions and required decisions become a DecisionGraph. */
import { compileDmn } from '../../../bpmn/decisions/compile';
import { AppError } from '../../../shared/app-error';
import { decisionTable, dmn, literalDecision } from '../../support/dmn';

async function refusal(xml: string): Promise<AppError> {
  const error = await compileDmn(xml).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('compileDmn', () => {
  it('compiles a decision table with its hit policy, inputs, output priorities and rules', async () => {
    const graph = await compileDmn(
      dmn(
        decisionTable({
          id: 'risk',
          hitPolicy: 'PRIORITY',
          inputs: ['age'],
          outputs: [{ name: 'level', outputValues: '"high","low"' }],
          rules: [
            ['r1', '< 18', '"high"'],
            ['r2', '-', '"low"'],
          ],
        }),
      ),
    );
    expect(graph.decisions['risk']).toEqual({
      id: 'risk',
      name: 'risk',
      requires: [],
      logic: {
        kind: 'table',
        hitPolicy: 'PRIORITY',
        inputs: ['age'],
        outputs: [{ name: 'level', priorities: ['"high"', '"low"'] }],
        rules: [
          { id: 'r1', inputEntries: ['< 18'], outputEntries: ['"high"'] },
          { id: 'r2', inputEntries: ['-'], outputEntries: ['"low"'] },
        ],
      },
    });
  });

  it('compiles a literal expression that requires another decision', async () => {
    const graph = await compileDmn(
      dmn(literalDecision('base', 'amount * 2'), literalDecision('total', 'base + 1', ['base'])),
    );
    expect(graph.decisions['total']).toMatchObject({
      requires: ['base'],
      logic: { kind: 'literal', expression: 'base + 1' },
    });
  });

  it('refuses required decisions that form a cycle, naming them', async () => {
    const error = await refusal(dmn(literalDecision('a', 'b', ['b']), literalDecision('b', 'a', ['a'])));
    expect(error.code).toBe('DMN_INVALID');
    expect(error.message).toMatch(/cycle: a → b → a/);
  });

  it('refuses a required decision the file does not define', async () => {
    const error = await refusal(dmn(literalDecision('a', '1', ['missing'])));
    expect(error.details).toMatchObject({ elementId: 'a' });
    expect(error.message).toContain("'missing'");
  });

  it('names the rule whose input entry is not valid FEEL unary tests', async () => {
    const error = await refusal(
      dmn(decisionTable({ id: 'd', inputs: ['x'], outputs: ['y'], rules: [['bad-rule', '[1..', '1']] })),
    );
    expect(error.details.issues).toEqual([expect.objectContaining({ elementId: 'bad-rule' })]);
  });

  it('refuses an aggregation outside the COLLECT hit policy', async () => {
    const error = await refusal(
      dmn(decisionTable({ id: 'd', hitPolicy: 'FIRST', aggregation: 'SUM', inputs: ['x'], outputs: ['y'], rules: [] })),
    );
    expect(error.message).toMatch(/aggregation 'SUM' needs the hit policy COLLECT/);
  });

  it('refuses a DOCTYPE before parsing, as BPMN uploads', async () => {
    const error = await refusal(
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]>${dmn().replace(/^<\?xml[^>]*>/, '')}`,
    );
    expect(error.code).toBe('XML_FORBIDDEN');
  });

  it('refuses a file without decisions', async () => {
    expect((await refusal(dmn())).message).toMatch(/defines no decision/);
  });
});
