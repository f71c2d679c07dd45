/**
 * The conformance check every answer test relies on (test/support/openapi-conformance.ts): it passes what the
 * document describes and names what it does not.
 */
import request from 'supertest';
import { startTestStack, type TestStack } from '../support/stack';
import { expectDocumented, undocumented } from '../support/openapi-conformance';

const answer = (status: number, body: unknown, path = '/api/health', method = 'GET') => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body,
  request: { method, url: path },
});

describe('the OpenAPI conformance check', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(() => stack?.stop());

  it('passes the live health answer', async () => {
    const response = await request(stack.app).get('/api/health');
    expect(response.status).toBe(200);
    expectDocumented(response);
  });

  it('names a field the document does not list, a wrong type and a missing field', () => {
    const checks = { temporal: { status: 'ok' } };
    expect(undocumented(answer(200, { status: 'ok', checks, uptime: 3 }))).toEqual([
      'GET /api/health 200: body must NOT have additional properties',
    ]);
    expect(undocumented(answer(200, { status: 'fine', checks }))).toEqual([
      'GET /api/health 200: body/status must be equal to one of the allowed values',
    ]);
    expect(undocumented(answer(200, { checks }))).toEqual([
      "GET /api/health 200: body must have required property 'status'",
    ]);
  });

  it('names a status the operation does not list and a path the document does not have', () => {
    expect(undocumented(answer(418, {}))).toEqual(['GET /api/health 418: the status is not listed']);
    expect(undocumented(answer(200, {}, '/api/nowhere'))).toEqual(['GET /api/nowhere is not in the document']);
  });

  it('reads a literal path before a template, and ignores the query', () => {
    const tooLarge = { code: 'PAYLOAD_TOO_LARGE', message: 'x' };
    // Only the bulk claim reads a body, so only it lists 413; read as /api/tasks/{id}/claim it would not.
    expect(undocumented(answer(413, tooLarge, '/api/tasks/bulk/claim?x=1', 'POST'))).toEqual([]);
    expect(undocumented(answer(413, tooLarge, '/api/tasks/some-id/claim', 'POST'))).toEqual([
      'POST /api/tasks/{id}/claim 413: the status is not listed',
    ]);
  });
});
