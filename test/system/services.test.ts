// The global setup's services answer: PostgreSQL (migrated), Temporal, and the SMTP catcher with its mail API.
import { randomBytes } from 'node:crypto';
import { Connection } from '@temporalio/client';
import nodemailer from 'nodemailer';
import { Client } from 'pg';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through Jest's global setup (npm test)`);
  return value;
};

describe('test services from the global setup', () => {
  it('PostgreSQL answers and the migrations are applied', async () => {
    const client = new Client({ connectionString: env('DATABASE_URL') });
    await client.connect();
    try {
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      const applied = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL',
      );
      expect(applied.rows[0]?.n).toBeGreaterThan(0);
    } finally {
      await client.end(); // tests clone this database as a template, which needs it free of connections
    }
  });

  it('Temporal answers and knows the default namespace', async () => {
    const connection = await Connection.connect({ address: env('TEMPORAL_ADDRESS') });
    try {
      const { namespaceInfo } = await connection.workflowService.describeNamespace({ namespace: 'default' });
      expect(namespaceInfo?.name).toBe('default');
    } finally {
      await connection.close();
    }
  });

  it('mail sent over SMTP_URL can be read back from MAIL_API_URL', async () => {
    const to = `services-${randomBytes(4).toString('hex')}@example.go.kr`;
    const subject = `연결 확인 ${to}`;
    const transport = nodemailer.createTransport(env('SMTP_URL'));
    try {
      await transport.sendMail({ from: 'test@onnara.local', to, subject, text: 'hello' });
    } finally {
      transport.close();
    }
    const response = await fetch(new URL('/api/messages', env('MAIL_API_URL')));
    expect(response.status).toBe(200);
    const mails = (await response.json()) as Array<{ to: string[]; subject: string; text: string }>;
    const mail = mails.find((m) => m.to.includes(to));
    expect(mail?.subject).toBe(subject);
    expect(mail?.text.trim()).toBe('hello');
  });
});
