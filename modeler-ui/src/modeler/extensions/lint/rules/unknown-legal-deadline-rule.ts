/**
 * A `legal deadline("rule", ...)` call naming a statutory rule that gov/calendar does not have. The compiler refuses
 * the model at deploy time; this shows it on the element while drawing. Every expression an element holds is
 * searched (due dates, timers, conditions, mappings), but not those of the flow elements inside a sub-process,
 * which report for themselves.
 */
import type { RuleFactory } from 'bpmnlint/lib/types';
import { legalDeadlineRuleNames } from '../../../../../../bpmn/legal-deadline-call';
import { isRuleName, ruleNames } from '../../../../../../gov/calendar/rules';
import { isModdleElement, stringProperty, type ModdleElement } from '../../moddle-element';

/** The message; the lint message localizer reads the rule name back from it. */
export function unknownLegalDeadlineRuleMessage(rule: string): string {
  return `Unknown legal deadline rule <${rule}>; known rules: ${ruleNames.join(', ')}`;
}

export const unknownLegalDeadlineRule: RuleFactory = () => ({
  check(node: ModdleElement, reporter) {
    if (!node.$instanceOf('bpmn:FlowElement')) return;
    const unknown = new Set(
      expressionsOf(node)
        .flatMap(legalDeadlineRuleNames)
        .filter((rule) => !isRuleName(rule)),
    );
    for (const rule of unknown)
      reporter.report(stringProperty(node, 'id') ?? '', unknownLegalDeadlineRuleMessage(rule));
  },
});

/** The string values of an element and of what it contains, stopping at nested flow elements. */
function expressionsOf(element: ModdleElement): string[] {
  const found: string[] = [];
  for (const property of element.$descriptor.properties) {
    if (property.isReference) continue;
    const value = element.get(property.name);
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof item === 'string') found.push(item);
      else if (isModdleElement(item) && !item.$instanceOf('bpmn:FlowElement')) found.push(...expressionsOf(item));
    }
  }
  return found;
}
