/**
 * The statutory counting rules, by the name a process model, the API or a letter uses. A new rule is a new file
 * here and one line below; the name type follows, so an unknown rule is a compile error where names are literal and
 * an UNKNOWN_RULE error where they come from input.
 */
import type { StatutoryRule } from '../deadline';
import { civilPetitionRule } from './civil-petition';
import { workingHoursRule } from './working-hours';

export const statutoryRules = {
  'civil-petition': civilPetitionRule,
  'working-hours': workingHoursRule,
} as const satisfies Record<string, StatutoryRule>;

export type RuleName = keyof typeof statutoryRules;

export const ruleNames = Object.keys(statutoryRules) as RuleName[];

export function isRuleName(name: string): name is RuleName {
  return Object.prototype.hasOwnProperty.call(statutoryRules, name);
}
