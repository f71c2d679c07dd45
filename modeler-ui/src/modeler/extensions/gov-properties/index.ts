/** The bpmn-js module of the `gov:` properties group (didi). */
import { GovPropertiesProvider } from './gov-properties-provider';

export const govPropertiesModule = {
  __init__: ['govPropertiesProvider'],
  govPropertiesProvider: ['type', GovPropertiesProvider],
};
