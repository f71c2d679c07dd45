/** FEEL evaluation, Zeebe values and input/output mappings, against the variables in scope. */
import { evaluateFeel, FeelEvaluationError, type Variables } from '../shared/feel';
import type { Mapping, ValueSource } from '../shared/graph';
import { incident } from './incidents';

export function evaluate(elementId: string, source: string, variables: Variables): unknown {
  try {
    return evaluateFeel(source, variables);
  } catch (error) {
    if (error instanceof FeelEvaluationError) throw incident(elementId, error.message);
    throw error;
  }
}

export function resolveValue(elementId: string, value: ValueSource | undefined, variables: Variables): unknown {
  if (!value) return undefined;
  return value.kind === 'static' ? value.value : evaluate(elementId, value.source, variables);
}

/** A list of names: a FEEL list, or a comma-separated string (Zeebe accepts both). */
export function resolveList(elementId: string, value: ValueSource | undefined, variables: Variables): string[] {
  const resolved = resolveValue(elementId, value, variables);
  if (resolved === undefined || resolved === null) return [];
  if (Array.isArray(resolved)) return resolved.map(String);
  if (typeof resolved === 'string')
    return resolved
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  throw incident(elementId, `expected a list or a comma-separated string, got ${JSON.stringify(resolved)}`);
}

/** Evaluates mappings in order; each target sees the targets before it, as in Zeebe. */
export function applyMappings(elementId: string, mappings: Mapping[], variables: Variables): Variables {
  const result: Variables = {};
  for (const mapping of mappings) {
    result[mapping.target] = evaluate(elementId, mapping.source, { ...variables, ...result });
  }
  return result;
}

/**
 * What an element hands back to the process scope: with output mappings, only their targets; without, every
 * variable the job or the person produced (Zeebe's propagation rule).
 */
export function outputVariables(
  elementId: string,
  outputs: Mapping[],
  produced: Variables,
  inScope: Variables,
): Variables {
  return outputs.length === 0 ? produced : applyMappings(elementId, outputs, { ...inScope, ...produced });
}
