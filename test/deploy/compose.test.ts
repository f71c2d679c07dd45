/**
 * docker-compose.yml cannot be run where the tests run (no Docker engine), so its structure is checked here: the
 * production Temporal image with its schema set up by temporal-sql-tool (never auto-setup), a health check on every
 * long-running service, start order by health or completion, a one-shot bootstrap, two workers and two APIs behind
 * the one published port, and no variable given to our services that the code does not read.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { configSchema } from '../../platform/config';
import { administratorInput } from '../../scripts/admin-bootstrap';
import { parse } from 'yaml';
import { balancerEnvSchema } from '../../scripts/stack/balancer';

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, unknown>;
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: unknown; disable?: boolean };
  restart?: string;
  ports?: string[];
  profiles?: string[];
  volumes?: string[];
}

const ROOT = path.resolve(__dirname, '../..');
// `merge: true` resolves `<<` keys as Compose does.
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = Object.entries(compose.services);
const ours = services.filter(([, s]) => s.build !== undefined);
const dependencies = services.flatMap(([name, s]) =>
  Array.isArray(s.depends_on)
    ? s.depends_on.map((on) => ({ name, on, condition: undefined }))
    : Object.entries(s.depends_on ?? {}).map(([on, d]) => ({ name, on, condition: d.condition })),
);
/** A job that runs once and exits: what others wait for with service_completed_successfully. */
const oneShot = new Set(dependencies.filter((d) => d.condition === 'service_completed_successfully').map((d) => d.on));
const entryOf = (s: Service) => s.command?.find((part) => part.endsWith('.ts'));

/** The variables each of our entry points reads (their zod schemas). */
const config = Object.keys(configSchema.shape);
const readBy: Record<string, string[]> = {
  'api/main.ts': config,
  'worker/main.ts': config,
  'scripts/bootstrap.ts': config,
  'scripts/admin-bootstrap.ts': [...config, ...Object.keys(administratorInput.shape)],
  'scripts/stack/balancer.ts': Object.keys(balancerEnvSchema.shape),
};

describe('docker-compose.yml', () => {
  it("runs Temporal's production server, its schema set up by temporal-sql-tool in admin-tools, never auto-setup", () => {
    const images = services.map(([, s]) => s.image ?? '');
    expect(images.filter((image) => image.includes('auto-setup'))).toEqual([]);
    expect(compose.services.temporal?.image).toMatch(/^temporalio\/server:\d/);

    const schema = compose.services['temporal-schema'];
    expect(schema?.image).toMatch(/^temporalio\/admin-tools:/);
    const script = schema?.volumes?.[0]?.split(':')[0] ?? '';
    expect(existsSync(path.join(ROOT, script))).toBe(true);
    expect(readFileSync(path.join(ROOT, script), 'utf8')).toMatch(/temporal-sql-tool .*update-schema/);
    expect(dependencies).toContainEqual({
      name: 'temporal',
      on: 'temporal-schema',
      condition: 'service_completed_successfully',
    });
  });

  it('gives every long-running service a health check and every one-shot job no restart', () => {
    for (const [name, s] of services) {
      if (oneShot.has(name) || s.profiles) {
        expect({ name, restart: s.restart }).toEqual({ name, restart: 'no' });
      } else {
        expect({ name, check: Boolean(s.healthcheck?.test) && !s.healthcheck?.disable }).toEqual({ name, check: true });
      }
    }
  });

  it('starts each service once what it needs is healthy or done', () => {
    for (const { name, on, condition } of dependencies) {
      expect({ name, on, exists: on in compose.services }).toEqual({ name, on, exists: true });
      const expected = oneShot.has(on) ? 'service_completed_successfully' : 'service_healthy';
      expect({ name, on, condition }).toEqual({ name, on, condition: expected });
    }
  });

  it('bootstraps once (migrations and seed) before any worker or API starts', () => {
    const bootstrap = compose.services.bootstrap;
    expect(bootstrap && entryOf(bootstrap)).toBe('scripts/bootstrap.ts');
    expect(oneShot.has('bootstrap')).toBe(true);
    for (const [name, s] of ours.filter(([, s]) => ['api/main.ts', 'worker/main.ts'].includes(entryOf(s) ?? ''))) {
      expect({ name, bootstrap: (s.depends_on as Record<string, unknown>).bootstrap }).toEqual({
        name,
        bootstrap: { condition: 'service_completed_successfully' },
      });
    }
  });

  it('runs two workers and two APIs, reached through the balancer alone', () => {
    const byEntry = (entry: string) => ours.filter(([, s]) => entryOf(s) === entry).map(([name]) => name);
    expect(byEntry('worker/main.ts')).toHaveLength(2);
    const apis = byEntry('api/main.ts');
    expect(apis).toHaveLength(2);
    const [balancer] = byEntry('scripts/stack/balancer.ts');
    const targets = String(compose.services[balancer ?? '']?.environment?.BALANCER_TARGETS).split(',');
    expect(targets.sort()).toEqual(
      apis.map((name) => `${name}:${String(compose.services[name]?.environment?.PORT)}`).sort(),
    );
    expect(services.filter(([, s]) => s.ports).map(([name]) => name)).toEqual([balancer]);
  });

  it('passes our services only variables the code reads, and an SMTP relay to every one that sends mail', () => {
    for (const [name, s] of ours) {
      const entry = entryOf(s) ?? '';
      expect({ name, entry, known: entry in readBy }).toEqual({ name, entry, known: true });
      const unread = Object.keys(s.environment ?? {}).filter((key) => !readBy[entry]?.includes(key));
      expect({ name, unread }).toEqual({ name, unread: [] });
      if (readBy[entry] === config) expect(s.environment?.SMTP_URL).toMatch(/SMTP_URL/);
    }
  });
});
