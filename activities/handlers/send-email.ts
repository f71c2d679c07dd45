/**
 * Job type `send-email`: sends one message through SMTP. The OutboundEmail row keyed by the element instance
 * makes a retry after success a no-op; the Message-ID is derived from the same key, so if a worker dies between
 * the SMTP transaction and the row update, the duplicate that the retry sends carries the same Message-ID.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { defineHandler } from './types';

export const sendEmail = defineHandler({
  payload: z.object({
    to: z.string().email({ message: 'the variable mapped to `to` must be an email address' }),
    subject: z.string().min(1).max(998),
    text: z.string().default(''),
    html: z.string().optional(),
  }),
  async run(payload, { idempotencyKey, deps }) {
    const existing = await deps.prisma.outboundEmail.findUnique({ where: { idempotencyKey } });
    if (existing?.sentAt) return { messageId: existing.messageId };
    const domain = deps.mailFrom.match(/@([^>\s]+)/)?.[1] ?? 'bps.onnara.local';
    const messageId =
      existing?.messageId ?? `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`;
    if (!existing) {
      await deps.prisma.outboundEmail.create({
        data: { idempotencyKey, to: payload.to, subject: payload.subject, messageId },
      });
    }
    await deps.mailer.sendMail({ from: deps.mailFrom, ...payload, messageId });
    await deps.prisma.outboundEmail.update({ where: { idempotencyKey }, data: { sentAt: deps.now() } });
    deps.logger.info({ idempotencyKey, to: payload.to, messageId }, 'email sent');
    return { messageId };
  },
});
