// Declarations for the parts of untyped modeler packages this app uses.
declare module '*.bpmn' {
  const xml: string;
  export default xml;
}

declare module 'bpmn-js-bpmnlint' {
  const lintModule: unknown;
  export default lintModule;
}

declare module 'bpmn-auto-layout' {
  /** Lays out a BPMN document's first process; returns the XML with diagram information. */
  export function layoutProcess(xml: string): Promise<string>;
}

declare module 'bpmn-js-differ' {
  interface Changed {
    model: { $type: string; id: string; name?: string };
    attrs: Record<string, { oldValue: unknown; newValue: unknown }>;
  }
  interface Element {
    $type: string;
    id: string;
    name?: string;
  }
  export interface Changes {
    _added: Record<string, Element>;
    _removed: Record<string, Element>;
    _changed: Record<string, Changed>;
    _layoutChanged: Record<string, Element>;
  }
  export function diff(left: object, right: object): Changes;
}
