/**
 * Variables a process marks sensitive (docs/access.md): `<zeebe:property name="gov:sensitive" value="a, b"/>` in the
 * process's zeebe:properties, Camunda's own extension, so the model stays valid for Camunda. Readers without the
 * right see these variables masked.
 */
import type { CompileContext } from './compile-context';
import { extensions, list, str, type ModdleElement } from './moddle';

export const SENSITIVE_PROPERTY = 'gov:sensitive';
const variableName = /^[A-Za-z_$][\w$]*$/;

export function compileSensitiveVariables(process: ModdleElement, processId: string, ctx: CompileContext): string[] {
  const names = extensions(process, 'zeebe:Properties')
    .flatMap((properties) => list(properties, 'properties'))
    .filter((property) => str(property, 'name') === SENSITIVE_PROPERTY)
    .flatMap((property) => (str(property, 'value') ?? '').split(','))
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of names.filter((candidate) => !variableName.test(candidate)))
    ctx.issue(processId, `${SENSITIVE_PROPERTY} names '${name}', which is not a variable name`);
  return [...new Set(names)].sort();
}
