/**
 * Hostile input against the real stack (docs/security.md): each attack is answered with a 4xx, or, where it can only
 * act later inside a running process, an incident, and leaves nothing changed.
 *
 * SSRF: no part of the engine fetches a URL that a process or a user supplies. The only outbound connections are to
 * PostgreSQL (DATABASE_URL), Temporal (TEMPORAL_ADDRESS) and the mail relay (SMTP_URL), each read once from the
 * environment (platform/config.ts); a BPMN document's DTDs and entities are refused before any parser could resolve
 * one; the built-in job types are send-email and the approval-line steps, none of which takes an address beyond a
 * mail recipient; any other job type goes to a Temporal task queue of that name, served by a worker its operators run.
 * The last test here shows that a process cannot point send-email at another server (127.0.0.1:7233,
 * 169.254.169.254, a decimal IP): the payload has no such field, and the mail goes to the configured relay.
 */
import request from 'supertest';
import { bpmn, demoApprovalXml, flow, uniqueProcessId } from '../support/bpmn';
import { deploy, instanceInState, openIncident, openTask, start } from '../support/instances';
import { mailTo } from '../support/mail';
import { startTestStack, type TestStack } from '../support/stack';
import { eventually } from '../support/wait';

const MB = 1024 * 1024;

describe('hostile input', () => {
  let stack: TestStack;
  const tokens: Record<string, string> = {};
  const api = () => request(stack.app);
  const as = (username: string) => ({ Authorization: `Bearer ${tokens[username]}` });
  const definitionCount = () => stack.prisma.processDefinition.count();
  const instanceCount = () => stack.prisma.processInstance.count();

  beforeAll(async () => {
    stack = await startTestStack();
    for (const username of ['analyst1', 'clerk1', 'admin']) tokens[username] = await stack.login(username);
    await deploy(stack, demoApprovalXml);
  });
  afterAll(() => stack?.stop());

  /** A valid one-task process whose definitions carry the given prolog (a DOCTYPE) and task name. */
  const withProlog = (prolog: string, taskName: string) =>
    bpmn(
      `<bpmn:startEvent id="start" />${flow('f1', 'start', 'task')}<bpmn:userTask id="task" name="${taskName}" />
       ${flow('f2', 'task', 'end')}<bpmn:endEvent id="end" />`,
      uniqueProcessId('hostile'),
    ).replace('<bpmn:definitions', `${prolog}\n<bpmn:definitions`);

  describe('XML uploads', () => {
    const deployXml = (xml: string) =>
      api().post('/api/deployments').set(as('analyst1')).type('application/xml').send(xml);

    it.each([
      ['an external entity reading a file', '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;'],
      ['an external entity on a loopback URL', '<!DOCTYPE d [<!ENTITY xxe SYSTEM "http://127.0.0.1:7233/">]>', '&xxe;'],
      [
        'a parameter entity from the metadata address',
        '<!DOCTYPE d [<!ENTITY % p SYSTEM "http://169.254.169.254/">%p;]>',
        'x',
      ],
      [
        'a billion laughs',
        `<!DOCTYPE d [<!ENTITY lol "lol">${Array.from(
          { length: 9 },
          (_, n) => `<!ENTITY lol${n + 1} "${`&lol${n || ''};`.repeat(10)}">`,
        ).join('')}]>`,
        '&lol9;',
      ],
    ])('refuses %s, storing nothing', async (_what, prolog, name) => {
      const before = await definitionCount();
      const response = await deployXml(withProlog(prolog, name)).expect(400);
      expect(response.body).toMatchObject({ code: 'XML_FORBIDDEN' });
      expect(response.text).not.toContain('root:');
      expect(await definitionCount()).toBe(before);
    });

    it('refuses an entity in a file of a multipart deployment too', async () => {
      const xml = withProlog('<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;');
      const before = await definitionCount();
      await api()
        .post('/api/deployments')
        .set(as('analyst1'))
        .attach('resource', Buffer.from(xml), 'evil.bpmn')
        .expect(400);
      expect(await definitionCount()).toBe(before);
    });

    it('refuses XML nested 10,000 deep', async () => {
      const deep = `${'<bpmn:documentation>'.repeat(10_000)}${'</bpmn:documentation>'.repeat(10_000)}`;
      const xml = withProlog('', 'Deep').replace(
        '<bpmn:startEvent id="start" />',
        `<bpmn:startEvent id="start">${deep}</bpmn:startEvent>`,
      );
      const before = await definitionCount();
      const response = await deployXml(xml).expect(400);
      expect(response.body).toMatchObject({ code: 'XML_FORBIDDEN' });
      expect(await definitionCount()).toBe(before);
    });
  });

  describe('50 MB uploads', () => {
    const fifty = Buffer.alloc(50 * MB, 'a');

    it('refuses a 50 MB deployment, raw or as a file', async () => {
      const before = await definitionCount();
      const raw = await api()
        .post('/api/deployments')
        .set(as('analyst1'))
        .type('application/xml')
        .send(fifty.toString());
      expect(raw.status).toBe(413);
      const file = await api()
        .post('/api/deployments')
        .set(as('analyst1'))
        .attach('resource', fifty, 'huge.bpmn')
        .catch((error: { response?: request.Response }) => error.response);
      expect(file?.status).toBe(413);
      expect(await definitionCount()).toBe(before);
    });

    it('refuses a 50 MB task attachment', async () => {
      const processId = uniqueProcessId('attach');
      await deploy(
        stack,
        bpmn(
          `<bpmn:startEvent id="start" />${flow('f1', 'start', 'task')}
           <bpmn:userTask id="task"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="civil-affairs" /></bpmn:extensionElements></bpmn:userTask>
           ${flow('f2', 'task', 'end')}<bpmn:endEvent id="end" />`,
          processId,
        ),
      );
      const { instanceId } = await start(stack, processId);
      const task = await openTask(stack, instanceId, 'task');
      const response = await api()
        .post(`/api/tasks/${task.id}/attachments`)
        .set(as('clerk1'))
        .attach('file', fifty, 'huge.pdf')
        .catch((error: { response?: request.Response }) => error.response);
      expect(response?.status).toBe(413);
      expect(await stack.prisma.taskAttachment.count({ where: { taskId: task.id } })).toBe(0);
    });
  });

  describe('JSON bodies', () => {
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

    it('refuses variables nested 10,000 deep, starting nothing', async () => {
      const before = await instanceCount();
      const response = await api()
        .post('/api/process-instances')
        .set(as('clerk1'))
        .type('application/json')
        .send(`{"processId":"demo-approval","variables":{"deep":${nested(10_000)}}}`)
        .expect(400);
      expect(response.body).toMatchObject({ code: 'BAD_REQUEST' });
      expect(await instanceCount()).toBe(before);
    });

    it('refuses arrays nested 10,000 deep on any route, before parsing', async () => {
      await api()
        .post('/api/task-filters')
        .set(as('clerk1'))
        .type('application/json')
        .send(`{"name":"deep","criteria":${'['.repeat(10_000)}${']'.repeat(10_000)}}`)
        .expect(400);
      expect(await stack.prisma.savedFilter.count({ where: { name: 'deep' } })).toBe(0);
    });

    it('takes brackets inside strings as text', async () => {
      const response = await api()
        .post('/api/task-filters')
        .set(as('clerk1'))
        .send({ name: `${'['.repeat(90)}"\\{`, criteria: {} })
        .expect(201);
      expect(response.body).toMatchObject({ name: `${'['.repeat(90)}"\\{` });
    });
  });

  describe('prototype keys in variables', () => {
    it.each([
      ['__proto__ at the top', '{"__proto__":{"polluted":true}}'],
      ['__proto__ inside a value', '{"form":{"__proto__":{"polluted":true}}}'],
      ['constructor.prototype', '{"x":{"constructor":{"prototype":{"polluted":true}}}}'],
    ])('refuses %s when starting, starting nothing and polluting nothing', async (_what, variables) => {
      const before = await instanceCount();
      const response = await api()
        .post('/api/process-instances')
        .set(as('clerk1'))
        .type('application/json')
        .send(`{"processId":"demo-approval","variables":${variables}}`)
        .expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await instanceCount()).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses them when completing a task, which stays open', async () => {
      const { instanceId } = await start(stack, 'demo-approval', { applicantEmail: 'a@example.kr' });
      const task = await openTask(stack, instanceId, 'review-request');
      await api()
        .post(`/api/tasks/${task.id}/complete`)
        .set(as('clerk1'))
        .type('application/json')
        .send('{"variables":{"approved":true,"__proto__":{"isAdmin":true}}}')
        .expect(400);
      expect(await stack.prisma.userTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
        state: 'CREATED',
      });
    });
  });

  describe('FEEL', () => {
    const scriptProcess = (processId: string, expression: string) =>
      bpmn(
        `<bpmn:startEvent id="start" />${flow('f1', 'start', 'script')}
         <bpmn:scriptTask id="script"><bpmn:extensionElements><zeebe:script expression="${expression}" resultVariable="result" /></bpmn:extensionElements></bpmn:scriptTask>
         ${flow('f2', 'script', 'end')}<bpmn:endEvent id="end" />`,
        processId,
      );

    it('reaches no JavaScript object through constructor, process or globalThis', async () => {
      const processId = uniqueProcessId('feel-reach');
      await deploy(stack, scriptProcess(processId, '=[constructor, process, globalThis, a.constructor, a.__proto__]'));
      const { result } = await start(stack, processId, { a: { b: 1 } });
      expect((await result()).variables.result).toEqual([null, null, null, null, null]);
    });

    it('refuses a loop over a range of a hundred million steps at deploy time', async () => {
      const processId = uniqueProcessId('feel-range');
      const before = await definitionCount();
      const response = await api()
        .post('/api/deployments')
        .set(as('analyst1'))
        .type('application/xml')
        .send(scriptProcess(processId, '=count(for i in 1..100000000 return i)'))
        .expect(422);
      expect(response.text).toContain('100000000 steps');
      expect(await definitionCount()).toBe(before);
    });

    it.each([
      ['nested loops over a large list', '=count(for a in xs, b in xs return a + b)'],
      ['a function calling itself', '={f: function(n) f(n + 1), r: f(0)}.r'],
    ])('stops %s with an incident instead of holding the worker', async (_what, expression) => {
      const processId = uniqueProcessId('feel-loop');
      await deploy(stack, scriptProcess(processId, expression));
      const { instanceId } = await start(stack, processId, { xs: Array.from({ length: 2000 }, (_, n) => n) });
      const incident = await openIncident(stack, instanceId);
      expect(incident.elementId).toBe('script');
      // The worker is free: another instance still runs to its end.
      const quick = uniqueProcessId('feel-quick');
      await deploy(stack, scriptProcess(quick, '=1 + 1'));
      expect((await (await start(stack, quick)).result()).variables.result).toBe(2);
    });
  });

  describe('CR and LF in mail', () => {
    it("refuses a person's email with a line break, adding no one", async () => {
      const unit = await stack.prisma.orgUnit.findUniqueOrThrow({ where: { code: 'civil-affairs' } });
      const response = await api()
        .post('/api/org/people')
        .set(as('admin'))
        .send({
          username: 'crlf-person',
          displayName: 'CR LF',
          email: 'someone@example.kr\r\nBcc: victim@evil.example',
          orgUnitId: unit.id,
          password: 'a-long-password',
        })
        .expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await stack.prisma.user.findUnique({ where: { username: 'crlf-person' } })).toBeNull();
    });

    const mailProcess = (processId: string, inputs: Record<string, string>) =>
      bpmn(
        `<bpmn:startEvent id="start" />${flow('f1', 'start', 'mail')}
         <bpmn:serviceTask id="mail"><bpmn:extensionElements><zeebe:taskDefinition type="send-email" /><zeebe:ioMapping>${Object.entries(
           inputs,
         )
           .map(([target, source]) => `<zeebe:input source="${source}" target="${target}" />`)
           .join('')}</zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>
         ${flow('f2', 'mail', 'end')}<bpmn:endEvent id="end" />`,
        processId,
      );

    it.each([
      [
        'subject',
        { to: '=to', subject: '=subject' },
        { to: 'citizen@example.kr', subject: 'Hi\r\nBcc: victim@evil.example' },
      ],
      [
        'recipient',
        { to: '=to', subject: '=&quot;Hi&quot;' },
        { to: 'citizen@example.kr\r\nBcc: victim@evil.example', subject: 'x' },
      ],
    ])(
      'turns a line break in the %s from variables into an incident, sending nothing',
      async (_what, inputs, variables) => {
        const processId = uniqueProcessId('crlf-mail');
        await deploy(stack, mailProcess(processId, inputs));
        const { instanceId } = await start(stack, processId, variables);
        const incident = await openIncident(stack, instanceId);
        expect(incident).toMatchObject({ elementId: 'mail' });
        expect(await mailTo('victim@evil.example')).toEqual([]);
      },
    );
  });

  describe('SSRF', () => {
    it('sends mail through the configured relay only, whatever server a process names', async () => {
      const processId = uniqueProcessId('ssrf-mail');
      const recipient = `${processId}@example.kr`;
      await deploy(
        stack,
        bpmn(
          `<bpmn:startEvent id="start" />${flow('f1', 'start', 'mail')}
           <bpmn:serviceTask id="mail"><bpmn:extensionElements><zeebe:taskDefinition type="send-email" /><zeebe:ioMapping>
             <zeebe:input source="=&quot;${recipient}&quot;" target="to" /><zeebe:input source="=&quot;Hi&quot;" target="subject" />
             <zeebe:input source="=&quot;smtp://127.0.0.1:7233&quot;" target="smtpUrl" />
             <zeebe:input source="=&quot;169.254.169.254&quot;" target="host" />
             <zeebe:input source="=&quot;http://2130706433:7233/&quot;" target="url" />
           </zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>
           ${flow('f2', 'mail', 'end')}<bpmn:endEvent id="end" />`,
          processId,
        ),
      );
      const { instanceId } = await start(stack, processId);
      await instanceInState(stack, instanceId, 'COMPLETED');
      // The configured relay (the test's SMTP catcher) received it: the named servers were never contacted.
      await eventually(async () => ((await mailTo(recipient)).length === 1 ? true : undefined), { what: 'the mail' });
    });
  });
});
