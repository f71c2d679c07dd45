/**
 * The variable-size limit on every API path where variables enter (docs/reliability.md, "Engine limits"): each
 * answers 413 VARIABLES_TOO_LARGE naming the request field and the size, before anything is stored or started.
 */
import request from 'supertest';
import { startTestStack, type TestStack } from '../support/stack';

jest.setTimeout(60_000);

/** 600 KiB of text: over the 512 KiB limit, under the 1 MB body limit. */
const large = { scan: 'x'.repeat(600 * 1024) };
const someId = '00000000-0000-4000-8000-000000000001';

const paths: Array<[route: string, body: Record<string, unknown>, field: string]> = [
  ['/api/process-instances', { processId: 'any', variables: large }, 'variables'],
  [`/api/process-instances/${someId}/modify`, { start: [{ elementId: 'a', variables: large }] }, 'start.0.variables'],
  ['/api/messages', { name: 'm', correlationKey: 'k', variables: large }, 'variables'],
  ['/api/signals', { name: 's', variables: large }, 'variables'],
  [`/api/incidents/${someId}/resolve`, { variables: large }, 'variables'],
  [`/api/tasks/${someId}/complete`, { variables: large }, 'variables'],
  [`/api/tasks/${someId}/resolve`, { variables: large }, 'variables'],
  ['/v2/process-instances', { processDefinitionId: 'any', variables: large }, 'variables'],
  ['/v2/messages/publication', { name: 'm', correlationKey: 'k', variables: large }, 'variables'],
  ['/v2/messages/correlation', { name: 'm', correlationKey: 'k', variables: large }, 'variables'],
  ['/v2/signals/broadcast', { signalName: 's', variables: large }, 'variables'],
  ['/v2/user-tasks/2251799813685249/completion', { variables: large }, 'variables'],
  ['/v2/jobs/2251799813685249/completion', { variables: large }, 'variables'],
  ['/v2/jobs/2251799813685249/failure', { retries: 1, variables: large }, 'variables'],
  ['/v2/jobs/2251799813685249/error', { errorCode: 'E', variables: large }, 'variables'],
];

describe('variable-size limit on the API', () => {
  let stack: TestStack;
  let admin: string;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
    admin = await stack.login('admin');
  });
  afterAll(() => stack.stop());

  it.each(paths)('POST %s with 600 KiB of variables answers 413 VARIABLES_TOO_LARGE', async (route, body, field) => {
    const before = await stack.prisma.processInstance.count();
    const response = await request(stack.app)
      .post(route)
      .set({ Authorization: `Bearer ${admin}` })
      .send(body);
    expect(response.status).toBe(413);
    // /api answers {code, message}; /v2 a problem document with the code beside its detail.
    const { code, message, detail } = response.body as { code: string; message?: string; detail?: string };
    expect({ code, message: message ?? detail }).toEqual({
      code: 'VARIABLES_TOO_LARGE',
      message: expect.stringMatching(
        new RegExp(`field '${field.replace(/\./g, '\\.')}' take 60\\d KiB, more than the limit of 512 KiB`),
      ),
    });
    expect(await stack.prisma.processInstance.count()).toBe(before);
  });

  it('takes variables just under the limit on the same path (the refusal is the size, not the field)', async () => {
    const response = await request(stack.app)
      .post('/api/signals')
      .set({ Authorization: `Bearer ${admin}` })
      .send({ name: 'nobody-listens', variables: { scan: 'x'.repeat(500 * 1024) } });
    expect(response.status).toBe(200);
  });
});
