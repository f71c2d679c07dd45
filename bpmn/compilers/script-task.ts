import { extension, str } from '../moddle';
import type { ElementCompiler } from './types';

/** zeebe:script expression="=..." resultVariable="...": a FEEL script task (no job worker involved). */
export const compileScriptTask: ElementCompiler = (element, base, ctx) => {
  const script = extension(element, 'zeebe:Script');
  const raw = script && str(script, 'expression');
  const resultVariable = script && str(script, 'resultVariable');
  if (!raw || !resultVariable) {
    ctx.issue(
      base.id,
      'a script task needs a FEEL expression and a result variable (zeebe:script expression and resultVariable)',
    );
    return undefined;
  }
  const expression = ctx.feel(raw.replace(/^=/, ''), base.id, 'the script');
  if (expression === undefined) return undefined;
  return { type: 'scriptTask', ...base, expression, resultVariable, ...ctx.ioMapping(element, base.id) };
};
