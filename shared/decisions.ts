/**
 * DMN decisions compiled to plain data (dmn/compile.ts), and their evaluator: pure, so the API, activities and tests
 * share it. FEEL runs through shared/feel.ts (no eval). docs/decisions.md says what is supported.
 */
import { evaluateFeel, evaluateUnaryTest, FeelEvaluationError, type Variables } from './feel';

export type HitPolicy = 'UNIQUE' | 'ANY' | 'FIRST' | 'PRIORITY' | 'RULE ORDER' | 'OUTPUT ORDER' | 'COLLECT';
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

export interface DecisionTableOutput {
  name: string;
  /** The output values in priority order (PRIORITY, OUTPUT ORDER), as FEEL literals; empty when none are given. */
  priorities: string[];
}

export interface DecisionRule {
  id: string;
  /** FEEL unary tests, one per input. */
  inputEntries: string[];
  /** FEEL expressions, one per output. */
  outputEntries: string[];
}

export interface DecisionTable {
  kind: 'table';
  hitPolicy: HitPolicy;
  aggregation?: Aggregation;
  /** FEEL input expressions. */
  inputs: string[];
  outputs: DecisionTableOutput[];
  rules: DecisionRule[];
}

export interface LiteralExpression {
  kind: 'literal';
  expression: string;
}

export interface Decision {
  id: string;
  name?: string;
  /** Decisions whose results this one reads, under their ids (informationRequirement). */
  requires: string[];
  logic: DecisionTable | LiteralExpression;
}

/** The decisions of one DMN file (its decision requirements graph). */
export interface DecisionGraph {
  definitionsId: string;
  decisions: Record<string, Decision>;
}

/** A decision that could not be evaluated: names the decision, and the rules when rules are at fault. */
export class DecisionEvaluationError extends Error {
  constructor(
    readonly decisionId: string,
    message: string,
    readonly ruleIds: string[] = [],
  ) {
    super(`decision '${decisionId}': ${message}`);
    this.name = 'DecisionEvaluationError';
  }
}

/**
 * Evaluates a decision, its required decisions first, their results visible under their ids. A decision table with
 * one output gives that output's value per hit, with several a context {output name: value}; single-hit policies give
 * one such value (null when no rule matches), multiple-hit policies a list, an aggregation a number.
 */
export function evaluateDecision(graph: DecisionGraph, decisionId: string, variables: Variables): unknown {
  const results = new Map<string, unknown>();
  const visit = (id: string): unknown => {
    if (results.has(id)) return results.get(id);
    const decision = graph.decisions[id];
    if (!decision) throw new DecisionEvaluationError(id, 'no such decision in its DMN file');
    const scope: Variables = { ...variables };
    for (const required of decision.requires) scope[required] = visit(required);
    const result = withDecision(id, () =>
      decision.logic.kind === 'literal'
        ? evaluateFeel(decision.logic.expression, scope)
        : evaluateTable(id, decision.logic, scope),
    );
    results.set(id, result);
    return result;
  };
  return visit(decisionId);
}

/** A FEEL failure inside a decision becomes an error naming the decision. */
function withDecision<T>(decisionId: string, evaluate: () => T): T {
  try {
    return evaluate();
  } catch (error) {
    if (error instanceof FeelEvaluationError) throw new DecisionEvaluationError(decisionId, error.message);
    throw error;
  }
}

interface Hit {
  ruleId: string;
  /** One value per output. */
  values: unknown[];
}

function evaluateTable(decisionId: string, table: DecisionTable, scope: Variables): unknown {
  const inputValues = table.inputs.map((expression) => evaluateFeel(expression, scope));
  const hits: Hit[] = [];
  for (const rule of table.rules) {
    const matches = rule.inputEntries.every((entry, index) =>
      inRule(decisionId, rule.id, () => evaluateUnaryTest(entry, inputValues[index], scope)),
    );
    if (!matches) continue;
    const values = rule.outputEntries.map((entry) =>
      inRule(decisionId, rule.id, () => (entry.trim() === '' ? null : evaluateFeel(entry, scope))),
    );
    hits.push({ ruleId: rule.id, values });
    // FIRST needs no more rules: the later ones are not even evaluated, as the rules' order decides.
    if (table.hitPolicy === 'FIRST') break;
  }
  const output = (hit: Hit): unknown =>
    table.outputs.length === 1
      ? hit.values[0]
      : Object.fromEntries(table.outputs.map((column, index) => [column.name, hit.values[index]]));
  const ruleList = (list: Hit[]) => list.map((hit) => `'${hit.ruleId}'`).join(', ');

  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (hits.length > 1) {
        throw new DecisionEvaluationError(
          decisionId,
          `hit policy UNIQUE allows one matching rule, but rules ${ruleList(hits)} match`,
          hits.map((hit) => hit.ruleId),
        );
      }
      return hits[0] ? output(hits[0]) : null;
    case 'FIRST':
      return hits[0] ? output(hits[0]) : null;
    case 'ANY': {
      const differing = hits.filter((hit) => !sameValue(output(hit), output(hits[0] as Hit)));
      if (differing.length > 0) {
        const involved = [hits[0] as Hit, ...differing];
        throw new DecisionEvaluationError(
          decisionId,
          `hit policy ANY needs the matching rules to agree, but rules ${ruleList(involved)} give different outputs`,
          involved.map((hit) => hit.ruleId),
        );
      }
      return hits[0] ? output(hits[0]) : null;
    }
    case 'PRIORITY': {
      const [first] = byPriority(decisionId, table, hits, scope);
      return first ? output(first) : null;
    }
    case 'OUTPUT ORDER':
      return byPriority(decisionId, table, hits, scope).map(output);
    case 'RULE ORDER':
      return hits.map(output);
    case 'COLLECT':
      return table.aggregation ? aggregate(decisionId, table.aggregation, hits.map(output)) : hits.map(output);
  }
}

function inRule<T>(decisionId: string, ruleId: string, evaluate: () => T): T {
  try {
    return evaluate();
  } catch (error) {
    if (error instanceof FeelEvaluationError) {
      throw new DecisionEvaluationError(decisionId, `rule '${ruleId}': ${error.message}`, [ruleId]);
    }
    throw error;
  }
}

/**
 * The hits sorted by their outputs' places in the output values lists (the first output decides, then the next);
 * rules of equal priority keep their order. A value outside its list is an error: its priority is undefined.
 */
function byPriority(decisionId: string, table: DecisionTable, hits: Hit[], scope: Variables): Hit[] {
  const orders = table.outputs.map((column) => column.priorities.map((literal) => evaluateFeel(literal, scope)));
  const rank = (hit: Hit): number[] =>
    hit.values.map((value, index) => {
      const order = orders[index] ?? [];
      if (order.length === 0) return 0;
      const place = order.findIndex((candidate) => sameValue(candidate, value));
      if (place < 0) {
        throw new DecisionEvaluationError(
          decisionId,
          `rule '${hit.ruleId}' gives ${JSON.stringify(value)}, which is not among the output values of '${table.outputs[index]?.name}'`,
          [hit.ruleId],
        );
      }
      return place;
    });
  const ranked = hits.map((hit) => ({ hit, rank: rank(hit) }));
  ranked.sort((a, b) => {
    for (let index = 0; index < a.rank.length; index++) {
      const difference = (a.rank[index] ?? 0) - (b.rank[index] ?? 0);
      if (difference !== 0) return difference;
    }
    return 0;
  });
  return ranked.map(({ hit }) => hit);
}

/** COLLECT with an aggregation: FEEL's sum, min, max and count over the outputs (null for no hits but COUNT's 0). */
function aggregate(decisionId: string, aggregation: Aggregation, values: unknown[]): unknown {
  if (aggregation === 'COUNT') return values.length;
  if (values.length === 0) return null;
  if (!values.every((value): value is number => typeof value === 'number')) {
    throw new DecisionEvaluationError(
      decisionId,
      `aggregation ${aggregation} needs numbers, got ${JSON.stringify(values)}`,
    );
  }
  if (aggregation === 'SUM') return values.reduce((total, value) => total + value, 0);
  return aggregation === 'MIN' ? Math.min(...values) : Math.max(...values);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
