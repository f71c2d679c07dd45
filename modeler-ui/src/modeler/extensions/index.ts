/**
 * What the modeler adds to the Camunda 8 (Zeebe) flavour of bpmn-js: our `gov:` moddle descriptor (the same file
 * the compiler reads), extra bpmn-js modules (the `gov:` properties group), the element templates of the engine's
 * built-in job types, and the lint rules. The modeler page mounts exactly what is listed here.
 */
import type { ModuleDeclaration } from 'didi';
import govDescriptor from '../../../../bpmn/gov.json';
import { govPropertiesModule } from './gov-properties';
import { config, resolver } from './lint';

/** bpmn-js / diagram-js modules (didi: `__init__`, `__depends__`). */
export const extensionModules: ModuleDeclaration[] = [govPropertiesModule];

export const moddleExtensions = { gov: govDescriptor };

/** Camunda 8 element templates for the engine's built-in job types. */
export { elementTemplates } from './element-templates';

/** The bpmnlint configuration and rule resolver handed to bpmn-js-bpmnlint (`linting.bpmnlint`). */
export const lintConfig = { config, resolver };
