/**
 * The decision evaluator, TCK-style: one table per hit policy and aggregation, the unary tests a rule may use, literal
 * expressions and required decisions, and the errors that name the decision and the rules.
 */
import { compileDmn } from '../../bpmn/decisions/compile';
import { DecisionEvaluationError, evaluateDecision, type DecisionGraph } from '../../shared/decisions';
import type { Variables } from '../../shared/feel';
import { decisionTable, dmn, literalDecision, type TableSpec } from '../support/dmn';

async function table(spec: Omit<TableSpec, 'id'>): Promise<(variables: Variables) => unknown> {
  const graph = await compileDmn(dmn(decisionTable({ id: 'decision', ...spec })));
  return (variables) => evaluateDecision(graph, 'decision', variables);
}

function failure(evaluate: () => unknown): DecisionEvaluationError {
  try {
    evaluate();
  } catch (error) {
    if (error instanceof DecisionEvaluationError) return error;
    throw error;
  }
  throw new Error('the decision evaluated without error');
}

/** Dishes by season and guests, after the classic example: rules that overlap on purpose. */
const overlapping = {
  inputs: ['guests'],
  outputs: ['dish'],
  rules: [
    ['small', '<= 4', '"stew"'],
    ['medium', '[3..8]', '"roast"'],
    ['any', '-', '"stew"'],
  ] as Array<[string, ...string[]]>,
};

describe('hit policies', () => {
  it('UNIQUE gives the one matching rule, null when none matches', async () => {
    const decide = await table({
      inputs: ['score'],
      outputs: ['grade'],
      rules: [
        ['low', '< 50', '"C"'],
        ['mid', '[50..80)', '"B"'],
        ['high', '>= 80', '"A"'],
      ],
    });
    expect(decide({ score: 79 })).toBe('B');
    expect(decide({ score: 80 })).toBe('A');
    expect(decide({ score: null })).toBeNull();
  });

  it('UNIQUE with two matching rules is an error naming the decision and both rules', async () => {
    const decide = await table({ ...overlapping, rules: overlapping.rules.slice(0, 2) });
    const error = failure(() => decide({ guests: 4 }));
    expect(error.message).toBe(
      "decision 'decision': hit policy UNIQUE allows one matching rule, but rules 'small', 'medium' match",
    );
    expect(error.ruleIds).toEqual(['small', 'medium']);
  });

  it('ANY gives the agreed output, and refuses matching rules that disagree', async () => {
    const decide = await table({ hitPolicy: 'ANY', ...overlapping });
    expect(decide({ guests: 1 })).toBe('stew');
    expect(failure(() => decide({ guests: 4 })).ruleIds).toEqual(['small', 'medium']);
  });

  it('FIRST gives the first matching rule in rule order', async () => {
    const decide = await table({ hitPolicy: 'FIRST', ...overlapping });
    expect(decide({ guests: 5 })).toBe('roast');
    expect(decide({ guests: 2 })).toBe('stew');
  });

  it('PRIORITY gives the matching output first in the output values list', async () => {
    const decide = await table({
      hitPolicy: 'PRIORITY',
      inputs: ['age', 'claims'],
      outputs: [{ name: 'risk', outputValues: '"high","medium","low"' }],
      rules: [
        ['default', '-', '-', '"low"'],
        ['young', '< 25', '-', '"medium"'],
        ['claims', '-', '> 2', '"high"'],
      ],
    });
    expect(decide({ age: 20, claims: 0 })).toBe('medium');
    expect(decide({ age: 20, claims: 3 })).toBe('high');
    expect(decide({ age: 40, claims: 0 })).toBe('low');
  });

  it('OUTPUT ORDER lists every match by priority', async () => {
    const decide = await table({
      hitPolicy: 'OUTPUT ORDER',
      inputs: ['amount'],
      outputs: [{ name: 'check', outputValues: '"audit","review","none"' }],
      rules: [
        ['r1', '-', '"none"'],
        ['r2', '> 100', '"review"'],
        ['r3', '> 1000', '"audit"'],
      ],
    });
    expect(decide({ amount: 5000 })).toEqual(['audit', 'review', 'none']);
  });

  it('RULE ORDER lists every match in rule order, as contexts for several outputs', async () => {
    const decide = await table({
      hitPolicy: 'RULE ORDER',
      inputs: ['guests'],
      outputs: ['dish', 'portions'],
      rules: [
        ['small', '<= 4', '"stew"', 'guests'],
        ['medium', '[3..8]', '"roast"', 'guests * 2'],
      ],
    });
    expect(decide({ guests: 4 })).toEqual([
      { dish: 'stew', portions: 4 },
      { dish: 'roast', portions: 8 },
    ]);
    expect(decide({ guests: 10 })).toEqual([]);
  });

  it('COLLECT lists the outputs of every matching rule', async () => {
    const decide = await table({ hitPolicy: 'COLLECT', ...overlapping });
    expect(decide({ guests: 4 })).toEqual(['stew', 'roast', 'stew']);
  });
});

describe('COLLECT aggregations', () => {
  const fees = {
    hitPolicy: 'COLLECT',
    inputs: ['pages', 'urgent'],
    outputs: ['fee'],
    rules: [
      ['base', '-', '-', '1000'],
      ['long', '> 10', '-', 'pages * 50'],
      ['urgent', '-', 'true', '3000'],
    ] as Array<[string, ...string[]]>,
  };

  it.each([
    ['SUM', 1000 + 20 * 50 + 3000],
    ['MIN', 1000],
    ['MAX', 3000],
    ['COUNT', 3],
  ])('%s over the matching rules', async (aggregation, expected) => {
    const decide = await table({ ...fees, aggregation });
    expect(decide({ pages: 20, urgent: true })).toBe(expected);
  });

  it('gives COUNT 0 and SUM null when no rule matches', async () => {
    const rules = fees.rules.slice(1);
    expect((await table({ ...fees, rules, aggregation: 'COUNT' }))({ pages: 1, urgent: false })).toBe(0);
    expect((await table({ ...fees, rules, aggregation: 'SUM' }))({ pages: 1, urgent: false })).toBeNull();
  });

  it('refuses to sum outputs that are not numbers, naming the decision', async () => {
    const decide = await table({ ...overlapping, hitPolicy: 'COLLECT', aggregation: 'SUM' });
    expect(failure(() => decide({ guests: 1 })).message).toMatch(/^decision 'decision': aggregation SUM needs numbers/);
  });
});

describe('unary tests in input entries', () => {
  const matches = async (entry: string, value: unknown, variables: Variables = {}) =>
    (await table({ hitPolicy: 'FIRST', inputs: ['x'], outputs: ['hit'], rules: [['r', entry, 'true']] }))({
      x: value,
      ...variables,
    }) === true;

  it.each([
    ['[1..10]', 10, true],
    ['[1..10)', 10, false],
    ['(1..10]', 1, false],
    ['< 5', 4, true],
    ['>= 5', 4, false],
    ['"gold","silver"', 'silver', true],
    ['"gold","silver"', 'bronze', false],
    ['not("gold")', 'silver', true],
    ['not([1..3])', 2, false],
    ['-', 'anything', true],
    ['', 42, true],
    ['null', null, true],
    ['? > 3 and ? < 6', 5, true],
  ])('%s with %p gives %p', async (entry, value, expected) => {
    expect(await matches(entry, value)).toBe(expected);
  });

  it('compares with other variables in scope', async () => {
    expect(await matches('> limit', 11, { limit: 10 })).toBe(true);
    expect(await matches('> limit', 9, { limit: 10 })).toBe(false);
  });

  it('names the rule whose entry fails to evaluate', async () => {
    const decide = await table({ inputs: ['x'], outputs: ['y'], rules: [['broken-rule', 'nosuch(1)', '1']] });
    const error = failure(() => decide({ x: 1 }));
    expect(error.message).toMatch(/^decision 'decision': rule 'broken-rule': FEEL unary tests 'nosuch\(1\)'/);
    expect(error.ruleIds).toEqual(['broken-rule']);
  });
});

describe('literal expressions and required decisions', () => {
  let graph: DecisionGraph;
  beforeAll(async () => {
    graph = await compileDmn(
      dmn(
        literalDecision('baseFee', 'pages * 100'),
        decisionTable({
          id: 'discount',
          inputs: ['citizen'],
          outputs: ['rate'],
          rules: [
            ['resident', 'true', '0.5'],
            ['visitor', 'false', '0'],
          ],
        }),
        literalDecision('fee', 'baseFee * (1 - discount)', ['baseFee', 'discount']),
      ),
    );
  });

  it('evaluates required decisions first and reads their results by id', () => {
    expect(evaluateDecision(graph, 'fee', { pages: 10, citizen: true })).toBe(500);
    expect(evaluateDecision(graph, 'fee', { pages: 10, citizen: false })).toBe(1000);
  });

  it('names the required decision that fails, not the one that asked for it', async () => {
    const chain = await compileDmn(
      dmn(literalDecision('broken', 'nosuch(pages)'), literalDecision('uses', 'broken', ['broken'])),
    );
    const error = failure(() => evaluateDecision(chain, 'uses', { pages: 1 }));
    expect(error.decisionId).toBe('broken');
    expect(error.message).toMatch(/^decision 'broken': FEEL 'nosuch\(pages\)' calls a function that does not exist/);
  });
});
