/**
 * Mail the engine sends at most once per idempotency key. The OutboundEmail row is written before sending and
 * marked sent after, so a retry after success sends nothing; the Message-ID is derived from the key, so if a worker
 * dies between the SMTP transaction and the mark, the duplicate the retry sends carries the same Message-ID and mail
 * systems can drop it.
 */
import { createHash } from 'node:crypto';
import type { ActivityDeps } from './deps';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Sends the mail unless the key was sent before; returns its Message-ID and whether this call sent it. */
export async function sendOnce(
  deps: Pick<ActivityDeps, 'prisma' | 'mailer' | 'mailFrom' | 'logger' | 'now'>,
  idempotencyKey: string,
  mail: OutgoingMail,
): Promise<{ messageId: string; sent: boolean }> {
  const domain = deps.mailFrom.match(/@([^>\s]+)/)?.[1] ?? 'bps.onnara.local';
  const derivedId = `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`;
  // The row of the key, written by this call or found from an earlier one, in one statement (the no-op update makes
  // an existing row visible to RETURNING); createdAt as Prisma stores DateTime, timestamp(3) in UTC.
  const [row] = await deps.prisma.$queryRaw<Array<{ messageId: string; sentAt: Date | null }>>`
    INSERT INTO "OutboundEmail" ("idempotencyKey", "to", "subject", "messageId", "createdAt")
    VALUES (${idempotencyKey}, ${mail.to}, ${mail.subject}, ${derivedId},
      (${deps.now().toISOString()}::timestamptz AT TIME ZONE 'UTC'))
    ON CONFLICT ("idempotencyKey") DO UPDATE SET "idempotencyKey" = EXCLUDED."idempotencyKey"
    RETURNING "messageId", "sentAt"`;
  if (!row) throw new Error(`no outbound email row for ${idempotencyKey}`);
  const { messageId } = row;
  if (row.sentAt) return { messageId, sent: false };
  await deps.mailer.sendMail({ from: deps.mailFrom, ...mail, messageId });
  await deps.prisma.outboundEmail.update({ where: { idempotencyKey }, data: { sentAt: deps.now() } });
  deps.logger.info({ idempotencyKey, to: mail.to, messageId }, 'email sent');
  return { messageId, sent: true };
}
