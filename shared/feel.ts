/**
 * FEEL for every boundary: syntax checks at deploy time (bpmn/) and evaluation inside the workflow sandbox
 * (workflows/). @bpmn-io/feelin is a pure interpreter: no eval, no I/O, deterministic for the same input.
 */
import { evaluate, parseExpression } from '@bpmn-io/feelin';

export type Variables = Record<string, unknown>;

export interface FeelSyntaxError {
  message: string;
  /** Character offset of the first error in the expression. */
  position: number;
}

/** Returns the first syntax error of a FEEL expression, or undefined when it parses. */
export function findFeelSyntaxError(source: string): FeelSyntaxError | undefined {
  if (source.trim() === '') return { message: 'the expression is empty', position: 0 };
  const tree = parseExpression(source, {}, undefined);
  let error: FeelSyntaxError | undefined;
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
      return undefined;
    },
  });
  return error;
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
 * Evaluates a FEEL expression against the variables. Missing variables yield null, as in FEEL; a syntax error or a
 * call of a function that does not exist throws, as Zeebe raises an incident for them.
 */
export function evaluateFeel(source: string, variables: Variables): unknown {
  const syntaxError = cachedSyntaxCheck(source);
  if (syntaxError) throw new FeelEvaluationError(source, `FEEL '${source}': ${syntaxError.message}`);
  const { value, warnings } = evaluate(source, variables);
  const failure = warnings.find((warning) => warning.type === 'NO_FUNCTION_FOUND');
  if (failure)
    throw new FeelEvaluationError(source, `FEEL '${source}' calls a function that does not exist (${failure.message})`);
  return toJson(value);
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
