/**
 * Bad input gets a clear 4xx with {code, message, elementId?} and changes nothing; good input deploys versioned.
 */
import request from 'supertest';
import { bpmn, demoApprovalXml, oneTaskProcess } from '../support/bpmn';
import { startTestStack, type TestStack } from '../support/stack';

describe('deployments and instance starts', () => {
  let stack: TestStack;
  let analyst: string;
  let clerk: string;
  const api = () => request(stack.app);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const rowCounts = async () => ({
    definitions: await stack.prisma.processDefinition.count(),
    instances: await stack.prisma.processInstance.count(),
  });

  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    analyst = await stack.login('analyst1');
    clerk = await stack.login('clerk1');
  });
  afterAll(() => stack.stop());

  it('versions a process id, and returns the existing version for identical XML', async () => {
    const deploy = (xml: string) =>
      api().post('/api/deployments').set(as(analyst)).type('application/xml').send(xml).expect(201);
    const first = await deploy(oneTaskProcess('versioned'));
    const again = await deploy(oneTaskProcess('versioned'));
    const changed = await deploy(oneTaskProcess('versioned', 'general-affairs'));
    expect(first.body).toEqual({
      processes: [expect.objectContaining({ processId: 'versioned', version: 1 })],
      forms: [],
      decisions: [],
    });
    expect((again.body as { processes: Array<{ definitionId: string }> }).processes[0]?.definitionId).toBe(
      (first.body as { processes: Array<{ definitionId: string }> }).processes[0]?.definitionId,
    );
    expect(changed.body).toEqual({
      processes: [expect.objectContaining({ processId: 'versioned', version: 2 })],
      forms: [],
      decisions: [],
    });
    const listed = await api().get('/api/process-definitions').set(as(clerk)).expect(200);
    expect(
      (listed.body as { items: Array<{ processId: string; version: number }> }).items
        .filter((item) => item.processId === 'versioned')
        .map((item) => item.version),
    ).toEqual([2, 1]);
  });

  it('accepts the BPMN file as the multipart field `resource`', async () => {
    const response = await api()
      .post('/api/deployments')
      .set(as(analyst))
      .attach('resource', Buffer.from(demoApprovalXml), 'demo-approval.bpmn')
      .expect(201);
    expect(response.body).toEqual({
      processes: [expect.objectContaining({ processId: 'demo-approval', version: 1 })],
      forms: [],
      decisions: [],
    });
  });

  const badUploads: Array<{ what: string; xml: string; status: number; code: string; elementId?: string }> = [
    { what: 'malformed XML', xml: '<bpmn:definitions><oops></bpmn:definitions>', status: 400, code: 'XML_MALFORMED' },
    {
      what: 'an element type the engine does not support',
      xml: bpmn(
        `<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="cg" /><bpmn:complexGateway id="cg" />
            <bpmn:sequenceFlow id="f2" sourceRef="cg" targetRef="e" /><bpmn:endEvent id="e" />`,
        'unsupported',
      ),
      status: 422,
      code: 'BPMN_UNSUPPORTED',
      elementId: 'cg',
    },
    {
      what: 'a FEEL syntax error in a condition',
      xml: bpmn(
        `<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g" /><bpmn:exclusiveGateway id="g" default="other" />
            <bpmn:sequenceFlow id="bad-condition" sourceRef="g" targetRef="e"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=approved = (true</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="other" sourceRef="g" targetRef="e" /><bpmn:endEvent id="e" />`,
        'bad-feel',
      ),
      status: 422,
      code: 'BPMN_INVALID',
      elementId: 'bad-condition',
    },
    {
      what: 'XML with a DOCTYPE and an entity',
      xml: '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><d>&xxe;</d>',
      status: 400,
      code: 'XML_FORBIDDEN',
    },
  ];

  it.each(badUploads)(
    'refuses $what with $status $code and stores nothing',
    async ({ xml, status, code, elementId }) => {
      const before = await rowCounts();
      const response = await api()
        .post('/api/deployments')
        .set(as(analyst))
        .type('application/xml')
        .send(xml)
        .expect(status);
      expect(response.body).toMatchObject({ code, message: expect.any(String) });
      expect((response.body as { elementId?: string }).elementId).toBe(elementId);
      expect(await rowCounts()).toEqual(before);
    },
  );

  it('refuses an upload over the size limit with 413, raw or multipart', async () => {
    const before = await rowCounts();
    const huge = demoApprovalXml.replace(
      '</bpmn:definitions>',
      `<!-- ${'x'.repeat(stack.config.MAX_BPMN_BYTES)} --></bpmn:definitions>`,
    );
    const raw = await api().post('/api/deployments').set(as(analyst)).type('application/xml').send(huge).expect(413);
    expect(raw.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const multipart = await api()
      .post('/api/deployments')
      .set(as(analyst))
      .attach('resource', Buffer.from(huge), 'huge.bpmn')
      .expect(413);
    expect(multipart.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await rowCounts()).toEqual(before);
  });

  it('lets only analysts and administrators deploy', async () => {
    const response = await api()
      .post('/api/deployments')
      .set(as(clerk))
      .type('application/xml')
      .send(oneTaskProcess('not-mine'))
      .expect(403);
    expect(response.body).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a caller who may not deploy before reading the upload, however large', async () => {
    const huge = `<!-- ${'x'.repeat(stack.config.MAX_BPMN_BYTES)} -->`;
    const response = await api()
      .post('/api/deployments')
      .set(as(clerk))
      .attach('resource', Buffer.from(huge), 'huge.bpmn')
      .expect(403);
    expect(response.body).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses instance variables that are not a JSON object, and unknown processes, starting nothing', async () => {
    const before = await rowCounts();
    for (const variables of [[1, 2], 'text', 42]) {
      const response = await api()
        .post('/api/process-instances')
        .set(as(clerk))
        .send({ processId: 'demo-approval', variables })
        .expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('variables') });
    }
    const unknown = await api()
      .post('/api/process-instances')
      .set(as(clerk))
      .send({ processId: 'no-such-process', variables: {} })
      .expect(404);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND' });
    const notJson = await api()
      .post('/api/process-instances')
      .set(as(clerk))
      .type('application/json')
      .send('{"processId": ')
      .expect(400);
    expect(notJson.body).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await rowCounts()).toEqual(before);
  });

  it('serves an OpenAPI document for the API', async () => {
    const response = await api().get('/api/openapi.json').expect(200);
    expect(response.body).toMatchObject({
      openapi: '3.1.0',
      paths: { '/api/tasks/{id}/complete': { post: expect.any(Object) } },
    });
  });
  it('refuses to start a process that only has a message start event, saying how it starts', async () => {
    const xml = bpmn(
      `<bpmn:startEvent id="on-petition"><bpmn:messageEventDefinition messageRef="petition" /></bpmn:startEvent>
       <bpmn:sequenceFlow id="f1" sourceRef="on-petition" targetRef="end" /><bpmn:endEvent id="end" />`,
      'message-started',
    ).replace('<bpmn:process', '<bpmn:message id="petition" name="petition-received" /><bpmn:process');
    await api().post('/api/deployments').set(as(analyst)).type('application/xml').send(xml).expect(201);
    const before = await rowCounts();
    const response = await api()
      .post('/api/process-instances')
      .set(as(clerk))
      .send({ processId: 'message-started' })
      .expect(409);
    expect(response.body).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('/api/messages') });
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses start variables over the size limit with 413, before anything is stored', async () => {
    const before = await rowCounts();
    const response = await api()
      .post('/api/process-instances')
      .set(as(clerk))
      .send({ processId: 'versioned', variables: { scan: 'x'.repeat(600 * 1024) } })
      .expect(413);
    expect(response.body).toMatchObject({ code: 'VARIABLES_TOO_LARGE', message: expect.stringContaining('512 KiB') });
    expect(await rowCounts()).toEqual(before);
  });
});
