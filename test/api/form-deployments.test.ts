/**
 * Deployments of several resources at once (BPMN and form-js forms): all or nothing, user tasks' formIds checked
 * and bound at deployment, the bound schema on the task, hostile form files refused with the file's name.
 */
import request from 'supertest';
import { oneTaskProcess } from '../support/bpmn';
import { formSchema, processWithForm } from '../support/forms';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

type Upload = { name: string; content: string };
type Deployment = {
  processes: Array<{ processId: string; version: number; definitionId: string }>;
  forms: Array<{ formId: string; version: number; id: string }>;
};

describe('deploying BPMN with forms', () => {
  let stack: TestStack;
  let analyst: string;
  let clerk: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const formFile = (schema: object, name = `${(schema as { id: string }).id}.form`): Upload => ({
    name,
    content: JSON.stringify(schema),
  });
  const upload = (files: Upload[], token = analyst) =>
    files.reduce(
      (req, file) => req.attach('resource', Buffer.from(file.content), file.name),
      api().post('/api/deployments').set(as(token)),
    );
  const deployed = async (files: Upload[]) => (await upload(files).expect(201)).body as Deployment;
  const rowCounts = async () => ({
    definitions: await stack.prisma.processDefinition.count(),
    forms: await stack.prisma.form.count(),
  });

  beforeAll(async () => {
    stack = await startTestStack();
    analyst = await stack.login('analyst1');
    clerk = await stack.login('clerk1');
  });
  afterAll(() => stack.stop());

  async function reviewTaskOf(processId: string) {
    const started = await api().post('/api/process-instances').set(as(clerk)).send({ processId }).expect(201);
    const instanceId = (started.body as { id: string }).id;
    const task = await eventually(() =>
      stack.prisma.userTask.findFirst({ where: { processInstanceId: instanceId } }).then((row) => row ?? undefined),
    );
    return (await api().get(`/api/tasks/${task.id}`).set(as(clerk)).expect(200)).body as { formSchema?: object };
  }

  it('deploys a process and its form in one request, and the task shows the form', async () => {
    const schema = formSchema('permit-review');
    const deployment = await deployed([
      { name: 'permit.bpmn', content: processWithForm('permit', 'permit-review') },
      formFile(schema),
    ]);
    expect(deployment).toEqual({
      processes: [expect.objectContaining({ processId: 'permit', version: 1 })],
      forms: [expect.objectContaining({ formId: 'permit-review', version: 1, id: expect.any(String) })],
      decisions: [],
    });
    expect((await reviewTaskOf('permit')).formSchema).toEqual(schema);
    const latest = await api().get('/api/forms/permit-review').set(as(clerk)).expect(200);
    expect(latest.body).toEqual({ id: deployment.forms[0]?.id, formId: 'permit-review', version: 1, schema });
    await api().get('/api/forms/no-such-form').set(as(clerk)).expect(404);
  });

  it('returns the existing versions for an identical redeploy of process and form', async () => {
    const files = [
      { name: 'grant.bpmn', content: processWithForm('grant', 'grant-review') },
      formFile(formSchema('grant-review')),
    ];
    const first = await deployed(files);
    const again = await deployed(files);
    expect(again.processes[0]?.definitionId).toBe(first.processes[0]?.definitionId);
    expect(again.forms[0]).toMatchObject({ id: first.forms[0]?.id, version: 1 });
  });

  it('binds a task to the form version deployed with its process, not a later one', async () => {
    await deployed([
      { name: 'licence.bpmn', content: processWithForm('licence', 'licence-review') },
      formFile(formSchema('licence-review', 'first wording')),
    ]);
    const later = await deployed([formFile(formSchema('licence-review', 'second wording'))]);
    expect(later.forms).toEqual([expect.objectContaining({ formId: 'licence-review', version: 2 })]);
    expect((await reviewTaskOf('licence')).formSchema).toEqual(formSchema('licence-review', 'first wording'));

    // The same XML deployed again binds the latest form, so it is a new version that shows it.
    const redeployed = await deployed([
      { name: 'licence.bpmn', content: processWithForm('licence', 'licence-review') },
    ]);
    expect(redeployed.processes).toEqual([expect.objectContaining({ processId: 'licence', version: 2 })]);
    expect((await reviewTaskOf('licence')).formSchema).toEqual(formSchema('licence-review', 'second wording'));
  });

  it('versions forms deployed concurrently, in opposite orders, without gaps', async () => {
    const [first, second] = await Promise.all([
      deployed([formFile(formSchema('north', 'a')), formFile(formSchema('south', 'a'))]),
      deployed([formFile(formSchema('south', 'b')), formFile(formSchema('north', 'b'))]),
    ]);
    const versions = (formId: string) =>
      [...first.forms, ...second.forms].filter((form) => form.formId === formId).map((form) => form.version);
    expect(versions('north').sort()).toEqual([1, 2]);
    expect(versions('south').sort()).toEqual([1, 2]);
  });

  it('links a formId to a form deployed before the process', async () => {
    await deployed([formFile(formSchema('earlier-form'))]);
    const deployment = await deployed([{ name: 'later.bpmn', content: processWithForm('later', 'earlier-form') }]);
    expect(deployment.processes).toEqual([expect.objectContaining({ processId: 'later', version: 1 })]);
  });

  it('refuses a formId that names no form, with the element id, storing nothing', async () => {
    const before = await rowCounts();
    const response = await upload([
      { name: 'orphan.bpmn', content: processWithForm('orphan', 'no-such-form') },
      formFile(formSchema('another-form')),
    ]).expect(422);
    expect(response.body).toMatchObject({
      code: 'BPMN_INVALID',
      elementId: 'review',
      issues: [{ elementId: 'review', message: expect.stringContaining("'no-such-form'") }],
    });
    expect((response.body as { message: string }).message).toContain('orphan.bpmn');
    expect(await rowCounts()).toEqual(before);
  });

  it('stores nothing when one file of the deployment is bad', async () => {
    const before = await rowCounts();
    const badForm = await upload([
      { name: 'fine.bpmn', content: oneTaskProcess('fine') },
      formFile(formSchema('fine-form')),
      { name: 'broken.form', content: '{"id": "broken", ' },
    ]).expect(400);
    expect((badForm.body as { message: string }).message).toContain('broken.form');
    const badBpmn = await upload([
      formFile(formSchema('fine-form')),
      { name: 'fine.bpmn', content: oneTaskProcess('fine') },
      { name: 'broken.bpmn', content: '<bpmn:definitions><oops></bpmn:definitions>' },
    ]).expect(400);
    expect(badBpmn.body).toMatchObject({ code: 'XML_MALFORMED', message: expect.stringContaining('broken.bpmn') });
    expect(await rowCounts()).toEqual(before);
  });

  const hostileForms: Array<{ what: string; content: () => string; status: number; code: string }> = [
    { what: 'text that is not JSON', content: () => 'not json at all', status: 400, code: 'BAD_REQUEST' },
    { what: 'a JSON array', content: () => '[1, 2]', status: 422, code: 'FORM_FILE_INVALID' },
    { what: 'a form without an id', content: () => '{"components": []}', status: 422, code: 'FORM_FILE_INVALID' },
    { what: 'a form without components', content: () => '{"id": "x"}', status: 422, code: 'FORM_FILE_INVALID' },
    {
      what: 'JSON nested thousands deep',
      content: () => `{"id": "deep", "components": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
      status: 400,
      code: 'BAD_REQUEST',
    },
    {
      what: 'a form over the size limit',
      content: () => JSON.stringify({ ...formSchema('huge'), padding: 'x'.repeat(stack.config.MAX_BPMN_BYTES) }),
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    },
  ];

  it.each(hostileForms)('refuses $what with $status $code naming the file', async ({ content, status, code }) => {
    const before = await rowCounts();
    const response = await upload([{ name: 'hostile.form', content: content() }]).expect(status);
    expect(response.body).toMatchObject({ code, message: expect.stringContaining('hostile.form') });
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses more files than a deployment may carry', async () => {
    const files = Array.from({ length: 21 }, (_, i) => formFile(formSchema(`many-${i}`)));
    const response = await upload(files).expect(400);
    expect(response.body).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('at most 20') });
    expect(await stack.prisma.form.count({ where: { formId: { startsWith: 'many-' } } })).toBe(0);
  });

  it('refuses the same form id twice in one deployment', async () => {
    const response = await upload([
      formFile(formSchema('twice'), 'a.form'),
      formFile(formSchema('twice', 'other'), 'b.form'),
    ]).expect(422);
    expect(response.body).toMatchObject({
      code: 'FORM_FILE_INVALID',
      message: expect.stringContaining('a.form and b.form'),
    });
  });

  it('lets only analysts and administrators deploy forms', async () => {
    const response = await upload([formFile(formSchema('clerks-form'))], clerk).expect(403);
    expect(response.body).toMatchObject({ code: 'FORBIDDEN' });
    await api().get('/api/forms/clerks-form').set(as(clerk)).expect(404);
  });
});
