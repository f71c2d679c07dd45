import { setLocale } from '../../modeler-ui/src/i18n';
import { localizeLintMessage } from '../../modeler-ui/src/modeler/extensions/lint/lint-messages';
import { unknownLegalDeadlineRuleMessage } from '../../modeler-ui/src/modeler/extensions/lint/rules/unknown-legal-deadline-rule';
import { USER_TASK_WITHOUT_CANDIDATES } from '../../modeler-ui/src/modeler/extensions/lint/rules/user-task-without-candidates';

// setLocale marks the page's language; the unit tier has no DOM, so it gets a stand-in root element.
Object.assign(globalThis, { document: { documentElement: { lang: 'ko' } } });

describe('lint messages in the app language', () => {
  afterEach(() => setLocale('ko'));

  it.each([
    [
      USER_TASK_WITHOUT_CANDIDATES,
      '사용자 업무에 담당자, 후보 그룹 또는 후보 사용자가 없어 인스턴스 부서의 미배정 업무로 들어갑니다.',
    ],
    [
      unknownLegalDeadlineRuleMessage('x'),
      '없는 법정 기한 규칙 "x"입니다. 쓸 수 있는 규칙: civil-petition, working-hours',
    ],
    [
      'Element of type <bpmn:ServiceTask> must have property <type> if it has property <retries>',
      'Element of type <bpmn:ServiceTask> must have property <type> if it has property <retries>',
    ],
    [
      'Element of type <zeebe:TaskDefinition> must have property <type>',
      'zeebe:TaskDefinition 요소에 <type> 속성이 있어야 합니다.',
    ],
    [
      'Property <conditionExpression> is not a valid FEEL expression',
      'conditionExpression 속성은 올바른 FEEL 식이 아닙니다.',
    ],
    ['Process is missing start event', '시작 이벤트가 없습니다.'],
  ])('Korean: %s', (message, korean) => {
    expect(localizeLintMessage(message)).toBe(korean);
  });

  it('English when the app is in English', () => {
    setLocale('en');
    expect(localizeLintMessage(USER_TASK_WITHOUT_CANDIDATES)).toBe(
      "A user task has no assignee, candidate groups or candidate users: it goes to the unassigned work of the instance's unit.",
    );
    expect(localizeLintMessage('Element of type <bpmn:Transaction> not allowed')).toBe(
      'Element of type bpmn:Transaction is not allowed.',
    );
  });
});
