/**
 * Which variables a FEEL expression reads, from its syntax tree: the root name of every variable reference and path
 * (`a.b` reads `a`), leaving out function names and the names `for`, `some` and `every` bind.
 */
import { parseExpression } from '@bpmn-io/feelin';

export function variablesRead(source: string): string[] {
  const tree = parseExpression(source, {}, undefined);
  const read = new Set<string>();
  const bound = new Set<string>();
  tree.iterate({
    enter(node) {
      const text = source.slice(node.from, node.to);
      if (node.type.name === 'InExpression') {
        const name = node.node.firstChild;
        if (name) bound.add(source.slice(name.from, name.to));
      }
      if (node.type.name !== 'VariableName') return;
      const parent = node.node.parent;
      const isFirstChild = parent?.firstChild?.from === node.from && parent.firstChild.to === node.to;
      if (parent?.type.name === 'PathExpression' && !isFirstChild) return;
      if (parent?.type.name === 'FunctionInvocation' && isFirstChild) return;
      read.add(text);
    },
  });
  return [...read].filter((name) => !bound.has(name));
}
