/** Diagrams a new process starts from (bundled as text; the `.bpmn` loader is set in modeler-ui/build.ts). */
import approval from './approval.bpmn';
import blank from './blank.bpmn';

export const templates = { blank, approval } as const;
export type TemplateName = keyof typeof templates;

export function isTemplateName(name: string | null): name is TemplateName {
  return name !== null && Object.prototype.hasOwnProperty.call(templates, name);
}
