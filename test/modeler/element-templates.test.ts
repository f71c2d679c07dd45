import { validateZeebe } from '@bpmn-io/element-templates-validator';
import { compileBpmn } from '../../bpmn/compile';
import {
  elementTemplates,
  templatesByJobType,
  type ElementTemplate,
} from '../../modeler-ui/src/modeler/extensions/element-templates';
import { BUILTIN_JOB_TYPES } from '../../shared/job-types';
import { bpmn } from '../support/bpmn';

/** The job type a template sets: its hidden zeebe:taskDefinition type. */
const jobTypeOf = (template: ElementTemplate) =>
  template.properties.find(
    (property) => property.binding.type === 'zeebe:taskDefinition' && property.binding.property === 'type',
  )?.value;

describe('element templates of the built-in job types', () => {
  it.each(elementTemplates.map((template) => [template.id, template]))(
    '%s validates against the Zeebe element template schema',
    (_, template) => {
      expect(validateZeebe(template)).toMatchObject({ valid: true, errors: null });
    },
  );

  it('has exactly one template per built-in job type, each setting that job type', () => {
    expect(elementTemplates.map(jobTypeOf).sort()).toEqual([...BUILTIN_JOB_TYPES].sort());
    for (const type of BUILTIN_JOB_TYPES) expect(jobTypeOf(templatesByJobType[type])).toBe(type);
  });

  it('the validator rejects a template that breaks the schema (the check above can fail)', () => {
    const broken = {
      ...templatesByJobType['send-email'],
      properties: [{ type: 'String', binding: { type: 'zeebe:nothing' } }],
    };
    expect(validateZeebe(broken).valid).toBe(false);
  });

  it('send-email asks for the inputs its handler reads, the recipient and subject required', () => {
    const inputs = templatesByJobType['send-email'].properties.filter(
      (property) => property.binding.type === 'zeebe:input',
    );
    expect(inputs.map((input) => input.binding.name)).toEqual(['to', 'subject', 'text', 'html']);
  });

  it('the recipient pattern accepts an address and refuses what is not one', () => {
    const to = templatesByJobType['send-email'].properties.find(
      (property) => property.binding.name === 'to',
    ) as unknown as {
      constraints: { notEmpty: boolean; pattern: { value: string } };
    };
    const pattern = new RegExp(to.constraints.pattern.value);
    expect(to.constraints.notEmpty).toBe(true);
    expect(['minwon@korea.kr', 'kim.lee@seoul.go.kr'].every((address) => pattern.test(address))).toBe(true);
    expect(['minwon', 'a@b', 'two words@korea.kr', ''].some((address) => pattern.test(address))).toBe(false);
  });

  it('a service task as the template writes it, with static values, deploys and maps them as strings', async () => {
    const [graph] = await compileBpmn(
      bpmn(`<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="mail" />
        <bpmn:serviceTask id="mail" zeebe:modelerTemplate="kr.onnara.bps.send-email" zeebe:modelerTemplateVersion="1">
          <bpmn:extensionElements><zeebe:taskDefinition type="send-email" retries="3" />
            <zeebe:ioMapping><zeebe:input source="minwon@korea.kr" target="to" /><zeebe:input source="처리 결과 &#34;안내&#34;" target="subject" />
              <zeebe:input source="=&#34;접수번호 &#34; + caseNo" target="text" /></zeebe:ioMapping>
          </bpmn:extensionElements></bpmn:serviceTask>
        <bpmn:sequenceFlow id="f2" sourceRef="mail" targetRef="e" /><bpmn:endEvent id="e" />`),
    );
    expect(graph?.elements['mail']).toMatchObject({
      type: 'serviceTask',
      jobType: 'send-email',
      inputs: [
        { source: '"minwon@korea.kr"', target: 'to' },
        { source: '"처리 결과 \\"안내\\""', target: 'subject' },
        { source: '"접수번호 " + caseNo', target: 'text' },
      ],
    });
  });
});
