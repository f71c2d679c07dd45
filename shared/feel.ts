/**
 * FEEL for every boundary: syntax checks at deploy time (bpmn/) and evaluation inside the workflow sandbox
 * (workflows/). @bpmn-io/feelin is a pure interpreter: no eval, no I/O, deterministic for the same input; a name such
 * as `constructor`, `process` or `globalThis` is only a missing variable (null), and a function an expression
 * defines cannot see itself, so cannot recurse. It does not bound work, so this module does (docs/security.md): a
 * model must not hold a workflow task forever.
 */
import { evaluate, parseExpression, parseUnaryTests, unaryTest } from '@bpmn-io/feelin';

export type Variables = Record<string, unknown>;

export interface FeelSyntaxError {
  message: string;
  /** Character offset of the first error in the expression. */
  position: number;
}

/** The most steps one expression may iterate over number ranges, its ranges' steps multiplied (they may nest). */
export const MAX_FEEL_RANGE_STEPS = 10_000;

/**
 * Returns the first syntax error of a FEEL expression, or undefined when it parses. A number range iterated over
 * (`for i in 1..10`) counts as an error unless its bounds are number literals within MAX_FEEL_RANGE_STEPS: a bound
 * from a variable could make it a billion steps, all materialized before the first one runs.
 */
export function findFeelSyntaxError(source: string): FeelSyntaxError | undefined {
  if (source.trim() === '') return { message: 'the expression is empty', position: 0 };
  const tree = parseExpression(source, {}, undefined);
  let error: FeelSyntaxError | undefined;
  let rangeSteps = 1;
  tree.iterate({
    enter(node) {
      if (error) return false;
      if (node.type.isError) {
        const near = source.slice(node.from, node.from + 10);
        error = {
          message: `syntax error at position ${node.from + 1}${near ? ` near '${near}'` : ' (unexpected end)'}`,
          position: node.from,
        };
        return false;
      }
      if (node.type.name === 'IterationContext') {
        const steps = iterationSteps(source, node.node);
        if (steps === undefined) {
          const range = source.slice(node.from, node.to);
          error = {
            message: `the range '${range}' needs number literals as bounds (iterate over a list variable instead)`,
            position: node.from,
          };
          return false;
        }
        rangeSteps *= steps;
      }
      return undefined;
    },
  });
  if (!error && rangeSteps > MAX_FEEL_RANGE_STEPS) {
    error = {
      message: `its ranges make ${rangeSteps} steps; at most ${MAX_FEEL_RANGE_STEPS} are allowed`,
      position: 0,
    };
  }
  return error;
}

type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];

/** 1 for an iteration over a list; the steps of a range `a..b`; undefined when a bound is not a number literal. */
function iterationSteps(source: string, iteration: SyntaxNode): number | undefined {
  const [low, high] = [iteration.firstChild, iteration.lastChild];
  if (!low || !high || low.from === high.from) return 1;
  if (low.type.name !== 'NumericLiteral' || high.type.name !== 'NumericLiteral') return undefined;
  return Math.abs(Number(source.slice(high.from, high.to)) - Number(source.slice(low.from, low.to))) + 1;
}

/**
 * Deployed expressions were checked at deploy time, and the same few sources are evaluated over and over: the
 * check is a pure function of the source, so it is done once per source (feelin parses again to evaluate).
 */
const syntaxChecks = new Map<string, FeelSyntaxError | null>();
function cachedSyntaxCheck(source: string): FeelSyntaxError | undefined {
  let result = syntaxChecks.get(source);
  if (result === undefined) {
    result = findFeelSyntaxError(source) ?? null;
    if (syntaxChecks.size < 1000) syntaxChecks.set(source, result);
  }
  return result ?? undefined;
}

export class FeelEvaluationError extends Error {
  constructor(
    readonly expression: string,
    message: string,
  ) {
    super(message);
    this.name = 'FeelEvaluationError';
  }
}

/**
 * The most reads one evaluation may make of the lists and contexts inside its variables. Lists come from variables
 * (at most VARIABLES_LIMIT_BYTES), but loops nest: `for a in xs, b in xs return sum(xs)` is cubic in the list.
 */
export const MAX_FEEL_VARIABLE_READS = 1_000_000;

/**
 * Evaluates a FEEL expression against the variables. Missing variables yield null, as in FEEL; a syntax error, a call
 * of a function that does not exist, too much work or any failure inside the interpreter (a string grown past what
 * the engine can hold) throws FeelEvaluationError, as Zeebe raises an incident for them.
 */
export function evaluateFeel(source: string, variables: Variables): unknown {
  const syntaxError = cachedSyntaxCheck(source);
  if (syntaxError) throw new FeelEvaluationError(source, `FEEL '${source}': ${syntaxError.message}`);
  const budget = { reads: MAX_FEEL_VARIABLE_READS };
  let result: ReturnType<typeof evaluate>;
  try {
    result = evaluate(source, metered(variables, budget));
  } catch (error) {
    const reason =
      budget.reads < 0
        ? `reads its variables more than ${MAX_FEEL_VARIABLE_READS} times (nested loops over large lists?)`
        : `failed: ${error instanceof Error ? error.message : String(error)}`;
    throw new FeelEvaluationError(source, `FEEL '${source}' ${reason}`);
  }
  budget.reads = Number.POSITIVE_INFINITY;
  const failure = result.warnings.find((warning) => warning.type === 'NO_FUNCTION_FOUND');
  if (failure)
    throw new FeelEvaluationError(source, `FEEL '${source}' calls a function that does not exist (${failure.message})`);
  return toJson(result.value);
}

/**
 * The variables with each list and context inside them behind a proxy that counts reads against the budget and throws
 * when it runs out. The top-level object stays plain: the interpreter copies it for every loop step.
 */
function metered(variables: Variables, budget: { reads: number }): Variables {
  const meter = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    return new Proxy(value, {
      get(target, key, receiver) {
        if (--budget.reads < 0) throw new RangeError('FEEL read budget exhausted');
        return meter(Reflect.get(target, key, receiver));
      },
    });
  };
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, meter(value)]));
}

/** FEEL temporal values (luxon) become ISO strings so that results stay plain JSON in workflow state. */
function toJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const maybeIso = value as { toISO?: () => string };
    if (typeof maybeIso.toISO === 'function') return maybeIso.toISO();
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  }
  return value;
}

/** Zeebe's "-" (any value): an empty input entry matches everything too. */
const ANY_VALUE = '-';

/**
 * Whether `input` passes the FEEL unary tests of a decision-table input entry (`< 10`, `[1..5]`, `"a","b"`,
 * `not(3)`, `-`), the variables in scope besides, within the same read budget as expressions. A test that cannot be
 * evaluated throws FeelEvaluationError.
 */
export function evaluateUnaryTest(source: string, input: unknown, variables: Variables): boolean {
  const tests = source.trim() === '' ? ANY_VALUE : source;
  const budget = { reads: MAX_FEEL_VARIABLE_READS };
  let result: ReturnType<typeof unaryTest>;
  try {
    result = unaryTest(tests, metered({ ...variables, '?': input }, budget));
  } catch (error) {
    const reason =
      budget.reads < 0
        ? `read their variables more than ${MAX_FEEL_VARIABLE_READS} times`
        : `failed: ${error instanceof Error ? error.message : String(error)}`;
    throw new FeelEvaluationError(tests, `FEEL unary tests '${tests}' ${reason}`);
  }
  const failure = result.warnings.find((warning) => warning.type === 'NO_FUNCTION_FOUND');
  if (failure) {
    throw new FeelEvaluationError(tests, `FEEL unary tests '${tests}' call a function that does not exist`);
  }
  return result.value === true;
}

/** The first syntax error of FEEL unary tests, or undefined when they parse (an empty entry is "-"). */
export function findUnaryTestsSyntaxError(source: string): FeelSyntaxError | undefined {
  if (source.trim() === '') return undefined;
  let error: FeelSyntaxError | undefined;
  parseUnaryTests(source, {}, undefined).iterate({
    enter(node) {
      if (error) return false;
      if (node.type.isError) error = { message: `syntax error at position ${node.from + 1}`, position: node.from };
      return undefined;
    },
  });
  return error;
}
