/**
 * The cluster mode (scripts/cluster.ts) end to end: a production Temporal server on PostgreSQL, two workers and two
 * APIs behind one port. A demo instance runs through the balancer; a killed API and a killed worker cost no request
 * and no instance, and come back on restart(), as do PostgreSQL and Temporal after a kill -9; a second start on the
 * same data dir finds the finished instance.
 * The Temporal server is built once by scripts/ensure-temporal-server.sh (CI builds it before the tests).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { createLogger } from '../../platform/logger';
import { createPrisma, type PrismaClient } from '../../platform/db';
import { ROLES, startCluster, type Cluster, type ClusterOptions, type Role } from '../../scripts/cluster';
import { DEFAULT_DEMO_PASSWORD } from '../../scripts/demo-org';
import { freePort, isPortFree } from '../../scripts/stack/ports';
import { eventually } from '../support/wait';

jest.setTimeout(300_000);

const logger = createLogger('cluster-test', process.env.TEST_LOG_LEVEL ?? 'warn');

/**
 * A base port whose next `size` ports are all free (Temporal's services take several after its frontend), below
 * 32,000: Temporal keeps membership ports in a smallint column.
 */
async function freeRange(size: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    const ports = Array.from({ length: size }, (_, i) => base + i);
    if ((await Promise.all(ports.map((p) => isPortFree(p)))).every(Boolean)) return base;
  }
  throw new Error(`no ${size} free ports in a row`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('cluster mode', () => {
  let dataDir: string;
  let options: ClusterOptions;
  let cluster: Cluster;
  let prisma: PrismaClient;
  const unexpectedExits: Role[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'bps-cluster-'));
    chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as `postgres` and must traverse this folder
    options = {
      dataDir,
      port: await freeRange(3),
      temporalPort: await freeRange(27),
      postgresPort: await freePort(),
      smtpPort: await freePort(),
      mailWebPort: await freePort(),
      logLevel: 'warn',
      logger,
      onExit: (role) => unexpectedExits.push(role),
    };
    cluster = await startCluster(options);
    prisma = createPrisma(cluster.databaseUrl);
  }, 600_000); // the first run on a machine builds the Temporal server (minutes)

  afterAll(async () => {
    await prisma?.$disconnect();
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function api(method: string, url: string, token?: string, body?: unknown) {
    const response = await fetch(new URL(url, cluster.appUrl), {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function login(username: string): Promise<string> {
    const { status, body } = await api('POST', '/api/auth/login', undefined, {
      username,
      password: DEFAULT_DEMO_PASSWORD,
    });
    expect(status).toBe(200);
    return body.token as string;
  }

  async function mailTo(address: string): Promise<unknown[]> {
    const response = await fetch(new URL('/api/messages', cluster.mailWebUrl));
    const mails = (await response.json()) as Array<{ to: string[] }>;
    return mails.filter((mail) => mail.to.includes(address));
  }

  /** The seeded demo approval, from start to its end event, all through the balancer. */
  async function approveOneDemoRequest(): Promise<string> {
    const clerk = await login('clerk1');
    const applicant = `cluster-${Date.now()}@citizen.example.kr`;
    const started = await api('POST', '/api/process-instances', clerk, {
      processId: 'demo-approval',
      variables: { applicantEmail: applicant },
    });
    expect(started.status).toBe(201);
    const instanceId = started.body.id as string;
    const task = await eventually(
      () => prisma.userTask.findFirst({ where: { processInstanceId: instanceId } }).then((row) => row ?? undefined),
      { timeoutMs: 60_000, what: 'the review task' },
    );
    expect((await api('POST', `/api/tasks/${task.id}/complete`, clerk, { variables: { approved: true } })).status).toBe(
      200,
    );
    const done = await eventually(
      async () => {
        const row = await prisma.processInstance.findUniqueOrThrow({ where: { id: instanceId } });
        return row.state === 'COMPLETED' ? row : undefined;
      },
      { timeoutMs: 60_000, what: 'the instance to complete' },
    );
    expect(done.endElementId).toBe('request-approved');
    expect(await prisma.userTask.count({ where: { processInstanceId: instanceId } })).toBe(1);
    await eventually(async () => ((await mailTo(applicant)).length > 0 ? true : undefined), { what: 'the email' });
    expect(await mailTo(applicant)).toHaveLength(1);
    return instanceId;
  }

  let finishedInstance: string;

  it('runs every role, Temporal on PostgreSQL, and a demo instance end to end through the one port', async () => {
    expect(Object.keys(cluster.roles).sort()).toEqual([...ROLES].sort());
    for (const role of ROLES) expect(isAlive(cluster.roles[role].pid)).toBe(true);
    const connection = await Connection.connect({ address: cluster.temporalAddress });
    try {
      const info = await connection.workflowService.getClusterInfo({});
      expect(info.persistenceStore).toMatch(/^postgres/);
      expect(info.visibilityStore).toMatch(/^postgres/);
    } finally {
      await connection.close();
    }
    for (const url of cluster.apiUrls) expect((await fetch(new URL('/api/health', url))).status).toBe(200);
    finishedInstance = await approveOneDemoRequest();
  });

  it('loses no request to a killed API and no instance to a killed worker; restart() brings both back', async () => {
    const [api1, worker1] = [cluster.roles['api-1'], cluster.roles['worker-1']];
    const [oldApiPid, oldWorkerPid] = [api1.pid, worker1.pid];
    await api1.kill('SIGKILL');
    await worker1.kill('SIGKILL');
    expect([api1.running, isAlive(oldApiPid), worker1.running, isAlive(oldWorkerPid)]).toEqual([
      false,
      false,
      false,
      false,
    ]);
    for (let i = 0; i < 4; i++) expect((await api('GET', '/api/health')).status).toBe(200);
    await approveOneDemoRequest(); // api-2 and worker-2 alone

    await api1.restart();
    await worker1.restart();
    expect(api1.pid).not.toBe(oldApiPid);
    expect(isAlive(worker1.pid)).toBe(true);
    expect((await fetch(new URL('/api/health', cluster.apiUrls[0]))).status).toBe(200);
    expect(unexpectedExits).toEqual([]);
  });

  it('survives PostgreSQL stopped immediately and Temporal killed: restart() brings both back, work goes on', async () => {
    const [postgres, temporal] = [cluster.roles.postgres, cluster.roles.temporal];
    await postgres.kill('SIGKILL');
    await temporal.kill('SIGKILL');
    expect([postgres.running, temporal.running]).toEqual([false, false]);
    expect((await api('GET', '/api/health')).status).toBe(503);

    await postgres.restart();
    await temporal.restart();
    // Each API process reconnects on its own; the balancer may ask either, so wait for both.
    for (const url of cluster.apiUrls)
      await eventually(async () => ((await fetch(new URL('/api/health', url))).status === 200 ? true : undefined), {
        timeoutMs: 60_000,
        what: `the API at ${url} to report every dependency up`,
      });
    finishedInstance = await approveOneDemoRequest();
    expect(unexpectedExits).toEqual([]);
  });

  it('stops every process, and a second start on the same data dir finds the finished instance', async () => {
    const pids = ROLES.map((role) => cluster.roles[role].pid);
    await prisma.$disconnect();
    await cluster.stop();
    await eventually(() => Promise.resolve(pids.some(isAlive) ? undefined : true), { what: 'every process to exit' });

    cluster = await startCluster(options);
    prisma = createPrisma(cluster.databaseUrl);
    const clerk = await login('clerk1');
    const { status, body } = await api('GET', `/api/process-instances/${finishedInstance}`, clerk);
    expect(status).toBe(200);
    expect(body.state).toBe('COMPLETED');
    expect(unexpectedExits).toEqual([]);
  });
});
