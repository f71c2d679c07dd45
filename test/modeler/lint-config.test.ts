import { Linter, type LintReport } from 'bpmnlint';
import { configs as camundaCompatConfigs } from 'bpmnlint-plugin-camunda-compat';
import { parseBpmn } from '../../bpmn/moddle';
import { CAMUNDA_COMPAT_CONFIG, config, resolver } from '../../modeler-ui/src/modeler/extensions/lint';
import { camundaCompatRules } from '../../modeler-ui/src/modeler/extensions/lint/camunda-compat-rules';
import { bpmn } from '../support/bpmn';

async function lint(body: string): Promise<Record<string, LintReport[]>> {
  return new Linter({ config, resolver }).lint(await parseBpmn(bpmn(body)));
}

const flow = (inner: string) => `<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
  ${inner}<bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />`;

const userTask = (extensions: string) =>
  flow(`<bpmn:userTask id="t"><bpmn:extensionElements>${extensions}</bpmn:extensionElements></bpmn:userTask>`);

const dueDate = (rule: string) =>
  `<zeebe:taskSchedule dueDate="=legal deadline(&#34;${rule}&#34;, receivedAt, 3, &#34;days&#34;)" />`;

describe('the modeler lint config', () => {
  it('resolves every rule of the camunda-compat config it extends', () => {
    const rules = Object.keys(camundaCompatConfigs[CAMUNDA_COMPAT_CONFIG]?.rules ?? {});
    expect(rules.length).toBeGreaterThan(30);
    const missing = rules.filter((rule) => !rule.includes('/') && !(rule in camundaCompatRules));
    expect(missing).toEqual([]);
  });

  it('passes a model the engine runs without a report', async () => {
    const task = userTask(
      `<zeebe:formDefinition formId="answer" /><zeebe:assignmentDefinition candidateGroups="civil-affairs" />${dueDate('civil-petition')}`,
    );
    expect(await lint(task)).toEqual({});
  });

  it('passes execution listeners and the task listeners the engine runs', async () => {
    const task = userTask(
      `<zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="civil-affairs" />
       <zeebe:executionListeners><zeebe:executionListener eventType="start" type="audit" /></zeebe:executionListeners>
       <zeebe:taskListeners><zeebe:taskListener eventType="creating" type="notify" /></zeebe:taskListeners>`,
    );
    const reports = await lint(task);
    expect(reports['camunda-compat/no-task-listeners']).toBeUndefined();
    expect(
      Object.values(reports)
        .flat()
        .filter((report) => report.category === 'error'),
    ).toEqual([]);
  });

  describe('user-task-without-candidates', () => {
    it.each([
      ['no assignment at all', ''],
      ['an empty assignment', '<zeebe:assignmentDefinition assignee=" " />'],
    ])('reports a user task with %s', async (_, extensions) => {
      const reports = await lint(userTask(extensions));
      expect(reports['onnara/user-task-without-candidates']).toEqual([
        expect.objectContaining({
          id: 't',
          category: 'warn',
          message: '사용자 업무에 담당자, 후보 그룹 또는 후보 사용자가 없어 인스턴스 부서의 미배정 업무로 들어갑니다.',
        }),
      ]);
    });

    it.each([
      ['an assignee', 'assignee="kim"'],
      ['candidate groups', 'candidateGroups="civil-affairs"'],
      ['candidate users', 'candidateUsers="kim, lee"'],
    ])('stays quiet on a user task with %s', async (_, attribute) => {
      const reports = await lint(userTask(`<zeebe:assignmentDefinition ${attribute} />`));
      expect(reports['onnara/user-task-without-candidates']).toBeUndefined();
    });
  });

  describe('unknown-legal-deadline-rule', () => {
    it('reports a due date naming a rule gov/calendar does not have, in Korean', async () => {
      const reports = await lint(
        userTask(`<zeebe:assignmentDefinition candidateGroups="g" />${dueDate('building-permit')}`),
      );
      expect(reports['onnara/unknown-legal-deadline-rule']).toEqual([
        expect.objectContaining({
          id: 't',
          category: 'error',
          message: '없는 법정 기한 규칙 "building-permit"입니다. 쓸 수 있는 규칙: civil-petition, working-hours',
        }),
      ]);
    });

    it('reports a timer date on a boundary event', async () => {
      const reports = await lint(
        `${userTask('<zeebe:assignmentDefinition candidateGroups="g" />')}
         <bpmn:boundaryEvent id="late" attachedToRef="t"><bpmn:timerEventDefinition>
           <bpmn:timeDate>=legal deadline("petition", receivedAt, 3, "days")</bpmn:timeDate>
         </bpmn:timerEventDefinition></bpmn:boundaryEvent>`,
      );
      expect(reports['onnara/unknown-legal-deadline-rule']).toEqual([expect.objectContaining({ id: 'late' })]);
    });

    it('stays quiet on a known rule', async () => {
      const reports = await lint(
        userTask(`<zeebe:assignmentDefinition candidateGroups="g" />${dueDate('civil-petition')}`),
      );
      expect(reports['onnara/unknown-legal-deadline-rule']).toBeUndefined();
    });
  });

  it('rewrites a common camunda-compat message in Korean', async () => {
    const reports = await lint(flow('<bpmn:serviceTask id="t" />'));
    expect(reports['camunda-compat/implementation']).toEqual([
      expect.objectContaining({
        id: 't',
        message: 'bpmn:ServiceTask 요소에 <zeebe:TaskDefinition> 확장 요소가 하나 있어야 합니다.',
      }),
    ]);
  });
});
