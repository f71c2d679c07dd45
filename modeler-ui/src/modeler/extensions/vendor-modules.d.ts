// The modeler packages the extensions import ship no declarations; these are the parts of their APIs used here.
// bpmnlint's own types (bpmnlint/lib/types) are reused where they exist.

declare module 'bpmnlint' {
  import type { Config, Resolver } from 'bpmnlint/lib/types';
  export interface LintReport {
    id?: string;
    message: string;
    category: string;
  }
  export class Linter {
    constructor(options: { config: Config; resolver: Resolver });
    lint(definitions: unknown): Promise<Record<string, LintReport[]>>;
  }
}

declare module 'bpmnlint/rules/*' {
  import type { RuleFactory } from 'bpmnlint/lib/types';
  const rule: RuleFactory;
  export default rule;
}

declare module 'bpmnlint-plugin-camunda-compat' {
  import type { Config } from 'bpmnlint/lib/types';
  export const configs: Record<string, Config | undefined>;
}

declare module 'bpmnlint-plugin-camunda-compat/rules/camunda-cloud/*' {
  import type { RuleFactory } from 'bpmnlint/lib/types';
  const rule: RuleFactory;
  export default rule;
}

declare module '@bpmn-io/element-templates-validator' {
  export function validateZeebe(template: unknown): { valid: boolean; errors: unknown[] | null };
}

declare module 'bpmn-js-properties-panel' {
  export function useService<T = unknown>(name: string): T;
}

declare module '@bpmn-io/properties-panel/preact' {
  export function h(component: unknown, props: object | null): unknown;
}

declare module '@bpmn-io/properties-panel' {
  interface EntryProps<V> {
    element: unknown;
    id: string;
    label: string;
    description?: string;
    getValue(element: unknown): V;
    setValue(value: V): void;
  }
  export function TextFieldEntry(props: EntryProps<string | undefined> & { debounce: unknown }): unknown;
  export function NumberFieldEntry(
    props: EntryProps<number | undefined> & { debounce: unknown; min?: number; step?: number },
  ): unknown;
  export function SelectEntry(
    props: EntryProps<string> & { getOptions(): Array<{ value: string; label: string }> },
  ): unknown;
  export function isTextFieldEntryEdited(node: unknown): boolean;
  export function isNumberFieldEntryEdited(node: unknown): boolean;
  export function isSelectEntryEdited(node: unknown): boolean;
}
