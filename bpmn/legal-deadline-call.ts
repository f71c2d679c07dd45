/**
 * The text of a `legal deadline(rule, received at, amount, unit[, clock])` FEEL call (docs/legal-time.md), as the
 * modeler's gov: group writes it into a due date or timer and reads it back, and as the compiler and the lint rule
 * find the statutory rules a model names.
 */
export const LEGAL_DEADLINE_UNITS = ['hours', 'days', 'weeks', 'months', 'years', 'immediately'] as const;
export type LegalDeadlineUnit = (typeof LEGAL_DEADLINE_UNITS)[number];

export interface LegalDeadlineCall {
  rule: string;
  /** A FEEL expression for the receipt instant, usually a variable such as `receivedAt`. */
  receivedAt: string;
  amount: number;
  unit: LegalDeadlineUnit;
  /** The legal clock the deadline counts on, if any. */
  clock?: string;
}

const STRING = String.raw`"((?:[^"\\]|\\.)*)"`;
/** A whole expression that is exactly one call: what the modeler writes. */
const WHOLE_CALL = new RegExp(
  String.raw`^=?\s*legal deadline\(\s*${STRING}\s*,\s*([^,]+?)\s*,\s*(\d+)\s*,\s*"(\w+)"\s*(?:,\s*${STRING}\s*)?\)\s*$`,
);
/** The rule argument of every call inside any expression, when it is a string literal. */
const RULE_ARGUMENT = new RegExp(String.raw`\blegal deadline\s*\(\s*${STRING}`, 'g');

/** The call an expression consists of, or undefined when it is anything else (a sum, another function, empty). */
export function parseLegalDeadlineCall(expression: string | undefined): LegalDeadlineCall | undefined {
  const match = expression === undefined ? null : WHOLE_CALL.exec(expression);
  if (!match) return undefined;
  const [, rule, receivedAt, amount, unit, clock] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string?,
  ];
  if (!(LEGAL_DEADLINE_UNITS as readonly string[]).includes(unit)) return undefined;
  return {
    rule: unescape(rule),
    receivedAt,
    amount: Number(amount),
    unit: unit as LegalDeadlineUnit,
    ...(clock === undefined ? {} : { clock: unescape(clock) }),
  };
}

/** The Zeebe expression value (with its leading `=`) of a call. */
export function formatLegalDeadlineCall(call: LegalDeadlineCall): string {
  const args = [JSON.stringify(call.rule), call.receivedAt, String(call.amount), JSON.stringify(call.unit)];
  if (call.clock) args.push(JSON.stringify(call.clock));
  return `=legal deadline(${args.join(', ')})`;
}

/** The literal rule names of every `legal deadline(...)` call in an expression. */
export function legalDeadlineRuleNames(expression: string): string[] {
  return [...expression.matchAll(RULE_ARGUMENT)].map((match) => unescape(match[1] as string));
}

function unescape(literal: string): string {
  return literal.replace(/\\(.)/g, '$1');
}
