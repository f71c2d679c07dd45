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

/**
 * Evaluates mappings in order; each target sees the targets before it, as in Zeebe. A dotted target
 * (`authentication.token`) writes into a context: into the variable of that name when it already holds one, so its
 * other entries stay, or into a new one (docs/zeebe-compatibility.md).
 */
export function applyMappings(elementId: string, mappings: Mapping[], variables: Variables): Variables {
  const result: Variables = {};
  for (const mapping of mappings) {
    const value = evaluate(elementId, mapping.source, { ...variables, ...result });
    const [name = '', ...path] = mapping.target.split('.');
    result[name] = path.length === 0 ? value : withEntry(name in result ? result[name] : variables[name], path, value);
  }
  return result;
}

/** A copy of `context` with `value` at `path`; a missing or non-context step becomes a new context. */
function withEntry(context: unknown, path: string[], value: unknown): Variables {
  const [key = '', ...rest] = path;
  const base = isContext(context) ? context : {};
  return { ...base, [key]: rest.length === 0 ? value : withEntry(base[key], rest, value) };
}

function isContext(value: unknown): value is Variables {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
