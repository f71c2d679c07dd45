/** Small DMN 1.3 documents for tests: a decision table from rows, literal expressions, required decisions. */

export interface TableSpec {
  id: string;
  hitPolicy?: string;
  aggregation?: string;
  inputs: string[];
  /** Output names; `outputValues` gives an output's priority list, e.g. `"high","low"`. */
  outputs: Array<string | { name: string; outputValues: string }>;
  /** Each rule: its id, then its input entries and output entries in order. */
  rules: Array<[string, ...string[]]>;
  requires?: string[];
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function requirements(ids: string[] = []): string {
  return ids
    .map((id) => `<informationRequirement><requiredDecision href="#${id}" /></informationRequirement>`)
    .join('');
}

export function decisionTable(spec: TableSpec): string {
  const attributes = [
    spec.hitPolicy ? ` hitPolicy="${spec.hitPolicy}"` : '',
    spec.aggregation ? ` aggregation="${spec.aggregation}"` : '',
  ].join('');
  const inputs = spec.inputs
    .map(
      (source, index) =>
        `<input id="${spec.id}_in${index}"><inputExpression><text>${escape(source)}</text></inputExpression></input>`,
    )
    .join('');
  const outputs = spec.outputs
    .map((output, index) =>
      typeof output === 'string'
        ? `<output id="${spec.id}_out${index}" name="${output}" />`
        : `<output id="${spec.id}_out${index}" name="${output.name}"><outputValues><text>${escape(output.outputValues)}</text></outputValues></output>`,
    )
    .join('');
  const rules = spec.rules
    .map(([ruleId, ...entries]) => {
      const cells = entries.map((text, index) => {
        const tag = index < spec.inputs.length ? 'inputEntry' : 'outputEntry';
        return `<${tag}><text>${escape(text)}</text></${tag}>`;
      });
      return `<rule id="${ruleId}">${cells.join('')}</rule>`;
    })
    .join('');
  return `<decision id="${spec.id}" name="${spec.id}">${requirements(spec.requires)}<decisionTable${attributes}>${inputs}${outputs}${rules}</decisionTable></decision>`;
}

export function literalDecision(id: string, expression: string, requires?: string[]): string {
  return `<decision id="${id}" name="${id}">${requirements(requires)}<literalExpression><text>${escape(expression)}</text></literalExpression></decision>`;
}

export function dmn(...decisions: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="defs" name="defs" namespace="http://onnara.example/dmn">${decisions.join('')}</definitions>`;
}
