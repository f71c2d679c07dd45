/**
 * The OpenAPI document lists every status an operation can answer (docs/reliability.md, "Load and fuzzing"): besides
 * its own, 503 under overload everywhere, 401 where a session is needed, 400/413/415 where input is read; and the
 * body of each success answer. `npm run fuzz` and test/api/openapi-answers-*.test.ts check live answers against it;
 * this checks the document's shape without a stack.
 */
import { buildOpenApi } from '../../api/routes/openapi';

type Operation = { parameters?: unknown[]; requestBody?: unknown; security?: unknown[]; responses: object };
const operations = Object.entries(buildOpenApi().paths as Record<string, Record<string, Operation>>).flatMap(
  ([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
);
const statuses = (operation: Operation) => Object.keys(operation.responses);
const errorMediaType = (operation: Operation, status: string) =>
  Object.keys((operation.responses as Record<string, { content?: object }>)[status]?.content ?? {})[0];

describe('the OpenAPI document', () => {
  it('describes 503 with an error body on every operation', () => {
    const missing = operations.filter(({ operation }) => !statuses(operation).includes('503'));
    expect(missing.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
    for (const { path, operation } of operations.filter((o) => o.path !== '/api/health')) {
      expect(errorMediaType(operation, '503')).toBe(
        path.startsWith('/v2/') ? 'application/problem+json' : 'application/json',
      );
    }
  });

  it('describes 401 on every operation that needs a session, and not on login or health', () => {
    const secured = operations.filter(({ operation }) => operation.security?.length !== 0);
    expect(secured.length).toBeGreaterThan(100);
    expect(secured.filter(({ operation }) => !statuses(operation).includes('401'))).toEqual([]);
    const health = operations.find(({ path }) => path === '/api/health')!;
    expect(statuses(health.operation)).not.toContain('401');
  });

  it('describes 400, 413 and 415 wherever a body is read, and 400 wherever a parameter is', () => {
    for (const { operation } of operations.filter(({ operation }) => operation.requestBody)) {
      expect(statuses(operation)).toEqual(expect.arrayContaining(['400', '413', '415']));
    }
    for (const { operation } of operations.filter(({ operation }) => operation.parameters?.length)) {
      expect(statuses(operation)).toContain('400');
    }
  });

  it('describes the body of every success answer but a 204', () => {
    const undescribed = operations.flatMap(({ path, method, operation }) =>
      Object.entries(operation.responses as Record<string, { content?: object }>)
        .filter(([status, answer]) => status.startsWith('2') && status !== '204' && !answer.content)
        .map(([status]) => `${method.toUpperCase()} ${path} ${status}`),
    );
    expect(undescribed).toEqual([]);
  });
});
