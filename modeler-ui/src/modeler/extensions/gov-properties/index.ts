/** The bpmn-js module of the `gov:` properties group (didi). */
import type { ModuleDeclaration } from 'didi';
import { GovPropertiesProvider } from './gov-properties-provider';

export const govPropertiesModule: ModuleDeclaration = {
  __init__: ['govPropertiesProvider'],
  govPropertiesProvider: ['type', GovPropertiesProvider],
};
