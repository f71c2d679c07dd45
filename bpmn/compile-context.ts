/** What every element compiler shares: issue collection and the Zeebe value conventions. */
import { isRuleName, ruleNames } from '../gov/calendar/rules';
import { DEFAULT_ENGINE_LIMITS, type EngineLimits } from '../shared/engine-limits';
import { findFeelSyntaxError } from '../shared/feel';
import type { Mapping, ValueSource } from '../shared/graph';
import { FORBIDDEN_VARIABLE_KEYS } from '../shared/variables';
import { legalDeadlineRuleNames } from './legal-deadline-call';
import { extension, list, str, type ModdleElement } from './moddle';

export interface ValidationIssue {
  elementId: string;
  message: string;
}

export class CompileContext {
  readonly issues: ValidationIssue[] = [];
  /** Set when an expression calls the legal-time FEEL function. */
  usesLegalTime = false;
  /** The ids of the forms embedded in the process being compiled (zeebe:userTaskForm). */
  embeddedFormIds = new Set<string>();

  constructor(readonly engineLimits: EngineLimits = DEFAULT_ENGINE_LIMITS) {}

  issue(elementId: string, message: string): void {
    this.issues.push({ elementId, message });
  }

  /** Checks a FEEL expression (without its leading `=`); returns it when it parses. */
  feel(source: string, elementId: string, what: string): string | undefined {
    const error = findFeelSyntaxError(source);
    if (error) {
      this.issue(elementId, `${what} is not a valid FEEL expression: ${error.message} in '${source}'`);
      return undefined;
    }
    if (/\blegal deadline\s*\(/.test(source)) this.usesLegalTime = true;
    for (const rule of legalDeadlineRuleNames(source)) {
      // Caught here rather than as an incident when the deadline is first counted.
      if (!isRuleName(rule))
        this.issue(
          elementId,
          `${what} names an unknown legal deadline rule '${rule}' (known: ${ruleNames.join(', ')})`,
        );
    }
    return source;
  }

  /** A Zeebe attribute value: `=expr` is FEEL, anything else a static string. */
  value(raw: string | undefined, elementId: string, what: string): ValueSource | undefined {
    if (raw === undefined) return undefined;
    if (!raw.startsWith('=')) return { kind: 'static', value: raw };
    const source = this.feel(raw.slice(1), elementId, what);
    return source === undefined ? undefined : { kind: 'feel', source };
  }

  /**
   * zeebe:ioMapping inputs and outputs. An output source is FEEL (a leading `=` optional); an input source is FEEL
   * when it starts with `=` and otherwise a static string, as in Zeebe: element templates write a static input
   * (an email address typed into a template field) without the `=`.
   */
  ioMapping(element: ModdleElement, elementId: string): { inputs: Mapping[]; outputs: Mapping[] } {
    const mapping = extension(element, 'zeebe:IoMapping');
    const read = (kind: 'inputParameters' | 'outputParameters'): Mapping[] =>
      list(mapping, kind).flatMap((parameter) => {
        const target = str(parameter, 'target');
        const raw = str(parameter, 'source');
        if (!target || raw === undefined) {
          this.issue(
            elementId,
            `every zeebe:ioMapping ${kind === 'inputParameters' ? 'input' : 'output'} needs a source and a target`,
          );
          return [];
        }
        const badStep = target.split('.').find((step) => step === '' || FORBIDDEN_VARIABLE_KEYS.has(step));
        if (badStep !== undefined) {
          this.issue(elementId, `the mapping target '${target}' has a step '${badStep}' that cannot name a variable`);
          return [];
        }
        if (kind === 'inputParameters' && !raw.startsWith('=')) return [{ source: feelStringLiteral(raw), target }];
        const source = this.feel(raw.replace(/^=/, ''), elementId, `the mapping to '${target}'`);
        return source === undefined ? [] : [{ source, target }];
      });
    return { inputs: read('inputParameters'), outputs: read('outputParameters') };
  }
}

/** A FEEL string literal whose value is `text`. */
function feelStringLiteral(text: string): string {
  const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  return `"${text.replace(/[\\"\n\r\t]/g, (char) => escapes[char] as string)}"`;
}
