/**
 * The packed bpmnlint configuration bpmn-js-bpmnlint takes as `linting.bpmnlint`: `{ config, resolver }`. Usually
 * a bundler plugin compiles `.bpmnlintrc` into this; here the resolver is a static table of imported rules, and
 * every rule's reports pass through the message localizer.
 */
import { configs as camundaCompatConfigs } from 'bpmnlint-plugin-camunda-compat';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import type { CheckDefinition, Config, EnterFn, Reporter, Resolver, RuleFactory } from 'bpmnlint/lib/types';
import { camundaCompatRules } from './camunda-compat-rules';
import { localizeLintMessage } from './lint-messages';
import { unknownLegalDeadlineRule } from './rules/unknown-legal-deadline-rule';
import { userTaskWithoutCandidates } from './rules/user-task-without-candidates';

const CAMUNDA_COMPAT = 'bpmnlint-plugin-camunda-compat';
/** Our own rules, under the plugin name bpmnlint derives from `onnara/<rule>`. */
const ONNARA = 'bpmnlint-plugin-onnara';
export const CAMUNDA_COMPAT_CONFIG = 'camunda-cloud-8-6';

const rulesByPackage: Record<string, Record<string, RuleFactory>> = {
  bpmnlint: { 'start-event-required': startEventRequired },
  [CAMUNDA_COMPAT]: camundaCompatRules,
  [ONNARA]: {
    'user-task-without-candidates': userTaskWithoutCandidates,
    'unknown-legal-deadline-rule': unknownLegalDeadlineRule,
  },
};

export const config: Config = {
  extends: `plugin:camunda-compat/${CAMUNDA_COMPAT_CONFIG}`,
  rules: {
    // The engine runs job-worker user tasks and Camunda user tasks alike; no reason to nag about the difference.
    'camunda-compat/zeebe-user-task': 'off',
    // 8.6 predates task listeners; the engine runs them (docs/listeners.md) and refuses at deploy what it does not.
    'camunda-compat/no-task-listeners': 'off',
    'onnara/user-task-without-candidates': 'warn',
    'onnara/unknown-legal-deadline-rule': 'error',
  },
};

export const resolver: Resolver = {
  resolveRule(pkg, ruleName) {
    const factory = rulesByPackage[pkg]?.[ruleName];
    if (!factory) throw new Error(`unknown lint rule ${pkg}/${ruleName}`);
    return localized(factory);
  },
  resolveConfig(pkg, configName) {
    const found = pkg === CAMUNDA_COMPAT ? camundaCompatConfigs[configName] : undefined;
    if (!found) throw new Error(`unknown lint config ${pkg}/${configName}`);
    return found;
  },
};

/** The same rule, its messages rewritten in the app's language as they are reported. */
function localized(factory: RuleFactory): RuleFactory {
  return (options) => {
    const rule = factory(options);
    return { ...rule, check: localizedCheck(rule.check) };
  };
}

function localizedCheck(check: CheckDefinition): CheckDefinition {
  if (typeof check === 'function') return localizedFn(check);
  return {
    ...('enter' in check ? { enter: localizedFn(check.enter) } : {}),
    ...('leave' in check ? { leave: localizedFn(check.leave) } : {}),
  } as CheckDefinition;
}

function localizedFn(fn: EnterFn): EnterFn {
  return (node, reporter) => fn(node, localizedReporter(reporter));
}

function localizedReporter(reporter: Reporter): Reporter {
  return {
    report(id: string, message: string, context?: string[] | { path?: string[] }) {
      const localizedMessage = localizeLintMessage(message);
      if (context === undefined) reporter.report(id, localizedMessage);
      else if (Array.isArray(context)) reporter.report(id, localizedMessage, context);
      else reporter.report(id, localizedMessage, context);
    },
  };
}
