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
  const existing = await deps.prisma.outboundEmail.findUnique({ where: { idempotencyKey } });
  if (existing?.sentAt) return { messageId: existing.messageId, sent: false };
  const domain = deps.mailFrom.match(/@([^>\s]+)/)?.[1] ?? 'bps.onnara.local';
  const messageId =
    existing?.messageId ?? `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`;
  if (!existing) {
    await deps.prisma.outboundEmail.create({ data: { idempotencyKey, to: mail.to, subject: mail.subject, messageId } });
  }
  await deps.mailer.sendMail({ from: deps.mailFrom, ...mail, messageId });
  await deps.prisma.outboundEmail.update({ where: { idempotencyKey }, data: { sentAt: deps.now() } });
  deps.logger.info({ idempotencyKey, to: mail.to, messageId }, 'email sent');
  return { messageId, sent: true };
}
