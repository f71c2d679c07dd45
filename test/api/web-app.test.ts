/** The web app as the API serves it: index.html for client routes, hashed assets compressed and cached. */
import request from 'supertest';
import { startTestStack, type TestStack } from '../support/stack';

describe('serving the web app', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.stop());

  it('serves the stylesheet compressed to a browser that accepts gzip, cached for a year', async () => {
    const page = await request(stack.app).get('/modeler').expect(200);
    const stylesheet = /href="(\/assets\/[^"]+\.css)"/.exec(page.text)?.[1];
    expect(stylesheet).toBeDefined();

    const plain = await request(stack.app).get(stylesheet!).set('Accept-Encoding', 'identity').expect(200);
    const gzipped = await request(stack.app).get(stylesheet!).set('Accept-Encoding', 'gzip').buffer(true).expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['cache-control']).toContain('max-age=31536000');
    expect(gzipped.text).toBe(plain.text); // supertest inflates it again
    expect(Number(plain.headers['content-length'])).toBeGreaterThan(0);
  });

  it('answers the API uncompressed, however large, whatever the browser accepts', async () => {
    const response = await request(stack.app).get('/api/openapi.json').set('Accept-Encoding', 'gzip').expect(200);
    expect(response.text.length).toBeGreaterThan(10_000);
    expect(response.headers['content-encoding']).toBeUndefined();
  });
});
