// bpmn-moddle 10 ships no declaration for its entry point; this is the part of its API the compiler uses.
declare module 'bpmn-moddle' {
  export interface ModdleElement {
    $type: string;
    $instanceOf(type: string): boolean;
    [property: string]: unknown;
  }
  export interface ParseResult {
    rootElement: ModdleElement;
    warnings: Array<{ message: string; element?: ModdleElement }>;
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
  }
}
