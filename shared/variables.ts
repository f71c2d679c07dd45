/**
 * Process variables travel in workflow inputs, activity inputs and results, and Temporal refuses payloads over
 * 2 MB; one limit, checked by the API on what people send and by the interpreter on what elements produce.
 */
import type { Variables } from './feel';

export const VARIABLES_LIMIT_BYTES = 512 * 1024;

/** The size of the variables as JSON text, in bytes (UTF-8). */
export function variablesSize(variables: Variables): number {
  return new TextEncoder().encode(JSON.stringify(variables)).length;
}

/** What refusing `size` bytes of variables entering by `path` (an instance start, a message publish) says. */
export function oversizedVariablesMessage(path: string, size: number): string {
  return `the variables of ${path} take ${Math.ceil(size / 1024)} KiB, more than the limit of ${VARIABLES_LIMIT_BYTES / 1024} KiB; keep large documents outside the process and pass a reference`;
}

/**
 * The one check of every path where variables enter an instance (docs/reliability.md, "Engine limits"): why the
 * variables are refused, or undefined when they fit.
 */
export function variablesTooLarge(path: string, variables: Variables | undefined): string | undefined {
  if (variables === undefined) return undefined;
  const size = variablesSize(variables);
  return size > VARIABLES_LIMIT_BYTES ? oversizedVariablesMessage(path, size) : undefined;
}

/**
 * Keys refused anywhere inside variables: merged with `Object.assign` or `target[key] = value`, `__proto__` would swap
 * an object's prototype, and `constructor` and `prototype` are what prototype-pollution payloads reach for next. No
 * process needs them as names, so they are refused at the door rather than proved harmless at every merge.
 */
export const FORBIDDEN_VARIABLE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The path of the first forbidden key inside the value (`a.b.__proto__`), or undefined. */
export function forbiddenKeyPath(value: unknown, path: string[] = []): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const innerPath = [...path, key];
    if (FORBIDDEN_VARIABLE_KEYS.has(key)) return innerPath.join('.');
    const found = forbiddenKeyPath(inner, innerPath);
    if (found) return found;
  }
  return undefined;
}
