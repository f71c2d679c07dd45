import type { CallActivityElement } from '../../shared/graph';
import { extension, str } from '../moddle';
import type { ElementCompiler } from './types';

/** zeebe:calledElement: the process to run as a child, which version of it, and which variables cross over. */
export const compileCallActivity: ElementCompiler = (element, base, ctx) => {
  const called = extension(element, 'zeebe:CalledElement');
  const rawProcessId = called && str(called, 'processId');
  if (!called || !rawProcessId) {
    ctx.issue(base.id, 'a call activity needs the id of the process to call (zeebe:calledElement processId)');
    return undefined;
  }
  const processId = ctx.value(rawProcessId, base.id, 'the called process id');
  const bindingType = str(called, 'bindingType') ?? 'latest';
  let binding: CallActivityElement['binding'] | undefined;
  if (bindingType === 'latest') binding = { kind: 'latest' };
  else if (bindingType === 'versionTag') {
    const versionTag = str(called, 'versionTag');
    if (versionTag) binding = { kind: 'versionTag', versionTag };
    else ctx.issue(base.id, 'bindingType versionTag needs the version tag to call (zeebe:calledElement versionTag)');
  } else if (bindingType === 'deployment') {
    ctx.issue(base.id, 'bindingType deployment is not supported; use latest or versionTag');
  } else {
    ctx.issue(base.id, `unknown bindingType '${bindingType}'; use latest or versionTag`);
  }
  if (!processId || !binding) return undefined;
  return {
    type: 'callActivity',
    ...base,
    processId,
    binding,
    // Zeebe's defaults are true for both; moddle reports an attribute only when it is set (or declares a default).
    propagateAllParentVariables: called['propagateAllParentVariables'] !== false,
    propagateAllChildVariables: called['propagateAllChildVariables'] !== false,
    ...ctx.ioMapping(element, base.id),
  };
};
