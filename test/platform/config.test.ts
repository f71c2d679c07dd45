/** The worker's database pool bounds, read from the validated configuration (platform/config.ts). */
import { loadConfig, workerDatabasePool } from '../../platform/config';

const env = (extra: Record<string, string>) => ({ DATABASE_URL: 'postgresql://bps@127.0.0.1:5432/bps', ...extra });

describe("the worker's database pool", () => {
  it('is bounded by default: 20 connections, a 10-second wait for one', () => {
    expect(workerDatabasePool(loadConfig(env({})))).toEqual({ size: 20, waitMs: 10_000 });
  });

  it('takes WORKER_DATABASE_POOL_SIZE and WORKER_DATABASE_POOL_WAIT_MS from the environment', () => {
    const config = loadConfig(env({ WORKER_DATABASE_POOL_SIZE: '8', WORKER_DATABASE_POOL_WAIT_MS: '2500' }));
    expect(workerDatabasePool(config)).toEqual({ size: 8, waitMs: 2500 });
  });

  it.each([
    ['WORKER_DATABASE_POOL_SIZE', '0', /WORKER_DATABASE_POOL_SIZE: .*>0/],
    ['WORKER_DATABASE_POOL_SIZE', 'many', /WORKER_DATABASE_POOL_SIZE: .*number/],
    ['WORKER_DATABASE_POOL_SIZE', '2.5', /WORKER_DATABASE_POOL_SIZE: .*expected int/],
    ['WORKER_DATABASE_POOL_WAIT_MS', '-1', /WORKER_DATABASE_POOL_WAIT_MS: .*>0/],
    [
      'WORKER_DATABASE_POOL_WAIT_MS',
      '60000',
      /WORKER_DATABASE_POOL_WAIT_MS: must be at most 25000 \(the activities time out at 30 s\)/,
    ],
  ])('refuses %s=%s at start-up, naming it', (name, value, message) => {
    expect(() => loadConfig(env({ [name]: value }))).toThrow(message);
  });
});
