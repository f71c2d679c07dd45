// dmn-moddle 12 ships no declaration for its entry point; this is the part of its API the decision compiler uses.
declare module 'dmn-moddle' {
  import type { ModdleElement, ParseResult } from 'bpmn-moddle';
  export class DmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ParseResult>;
  }
  export type { ModdleElement };
}
