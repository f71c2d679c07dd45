/** Job type `send-email`: sends one message through SMTP, once per element instance (activities/outbound-email.ts). */
import { z } from 'zod';
import { sendOnce } from '../outbound-email';
import { defineHandler } from './types';

export const sendEmail = defineHandler({
  payload: z.object({
    to: z.string().email({ message: 'the variable mapped to `to` must be an email address' }),
    // A line break in a header could start one of the variables' choosing (Bcc:), so a subject is one line.
    subject: z
      .string()
      .min(1)
      .max(998)
      .regex(/^[^\r\n]*$/, { message: 'the subject must be one line (no CR or LF)' }),
    text: z.string().default(''),
    html: z.string().optional(),
  }),
  async run(payload, { idempotencyKey, deps }) {
    const { messageId } = await sendOnce(deps, idempotencyKey, payload);
    return { messageId };
  },
});
