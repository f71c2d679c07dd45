/**
 * Lint messages in the app's language. Rules report English text; bpmnlint has no message keys, so the messages of
 * our rules and the most common camunda-compat ones are recognised by their wording and rewritten through i18n.
 * Anything not recognised stays as the rule wrote it.
 */
import { t, type MessageKey } from '../../../i18n';
import { USER_TASK_WITHOUT_CANDIDATES } from './rules/user-task-without-candidates';

interface MessagePattern {
  pattern: RegExp;
  key: MessageKey;
}

/** Named groups become the message parameters. The first pattern that matches wins, so specific ones come first. */
const patterns: MessagePattern[] = [
  { pattern: new RegExp(`^${USER_TASK_WITHOUT_CANDIDATES}$`), key: 'lint.userTaskWithoutCandidates' },
  {
    pattern: /^Unknown legal deadline rule <(?<rule>[^>]*)>; known rules: (?<known>.*)$/,
    key: 'lint.unknownLegalDeadlineRule',
  },
  {
    pattern:
      /^Element of type <(?<type>[^>]+)> must have one extension element of type (?<names>[^ ]+(?: (?:or|and) [^ ]+)*)$/,
    key: 'lint.mustHaveExtension',
  },
  {
    pattern: /^Element of type <(?<type>[^>]+)> must have property (?<names><[^>]+>(?:(?:,| or| and) <[^>]+>)*)$/,
    key: 'lint.mustHaveProperty',
  },
  { pattern: /^Element of type <(?<type>[^>]+)> not allowed$/, key: 'lint.elementTypeNotAllowed' },
  { pattern: /^Property <(?<name>[^>]+)>(?: of type <[^>]+>)? not allowed$/, key: 'lint.propertyNotAllowed' },
  { pattern: /^Extension element of type <(?<type>[^>]+)> not allowed$/, key: 'lint.extensionNotAllowed' },
  { pattern: /^Property <(?<name>[^>]+)> must have expression value$/, key: 'lint.mustHaveExpression' },
  { pattern: /^Property <(?<name>[^>]+)> is not a valid FEEL expression$/, key: 'lint.invalidFeel' },
  { pattern: /^.+ is missing start event$/, key: 'lint.startEventRequired' },
];

export function localizeLintMessage(message: string): string {
  for (const { pattern, key } of patterns) {
    const match = pattern.exec(message);
    if (match) return t(key, match.groups);
  }
  return message;
}
