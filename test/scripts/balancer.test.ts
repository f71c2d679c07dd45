// The cluster mode's balancer (scripts/stack/balancer.ts) in front of two small HTTP servers standing in for APIs.
import { createServer, type Server } from 'node:http';
import pino from 'pino';
import { startBalancer, type Balancer } from '../../scripts/stack/balancer';
import { freePort, LOOPBACK } from '../../scripts/stack/ports';

/** An "API" that answers with its name and what it was told about the caller. */
async function fakeApi(name: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({ name, method: req.method, url: req.url, body, forwardedFor: req.headers['x-forwarded-for'] }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(port, LOOPBACK, resolve));
  return server;
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });

describe('balancer', () => {
  let ports: number[];
  let apis: Server[];
  let balancer: Balancer;

  beforeEach(async () => {
    ports = [await freePort(), await freePort()];
    apis = [await fakeApi('api-1', ports[0]!), await fakeApi('api-2', ports[1]!)];
    balancer = await startBalancer({
      host: LOOPBACK,
      port: await freePort(),
      targets: ports.map((port) => ({ host: LOOPBACK, port })),
      logger: pino({ level: 'silent' }),
    });
  });

  afterEach(async () => {
    await balancer.close();
    await Promise.all(apis.map((api) => (api.listening ? close(api) : Promise.resolve())));
  });

  const call = async (path: string, init?: RequestInit) => {
    const response = await fetch(new URL(path, balancer.url), init);
    return { response, body: (await response.json()) as Record<string, unknown> };
  };

  it('takes turns between the APIs and passes method, path, body and the caller on', async () => {
    const names = [];
    for (let i = 0; i < 4; i++) names.push((await call('/api/health')).body.name);
    expect(names.sort()).toEqual(['api-1', 'api-1', 'api-2', 'api-2']);

    const { body } = await call('/api/tasks/7/complete?x=1', { method: 'POST', body: '{"approved":true}' });
    expect(body).toMatchObject({ method: 'POST', url: '/api/tasks/7/complete?x=1', body: '{"approved":true}' });
    expect(body.forwardedFor).toBe('127.0.0.1');
  });

  it('sends every request to the API left when one is down', async () => {
    await close(apis[0]!);
    for (let i = 0; i < 4; i++) expect((await call('/api/health')).body.name).toBe('api-2');
  });

  it('answers 503 DEPENDENCY_UNAVAILABLE with Retry-After when no API takes the request', async () => {
    await Promise.all(apis.map(close));
    const { response, body } = await call('/api/health');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(body.code).toBe('DEPENDENCY_UNAVAILABLE');
  });
});
