import type { EngineDeps } from '../engine/deps';

/** What the mail handlers need of a transport (nodemailer's Transporter satisfies it). */
export interface Mailer {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html?: string;
    messageId: string;
  }): Promise<unknown>;
}

/**
 * Everything activities touch, constructed by worker/ and injected (tests inject their own): the engine's
 * dependencies (activities start and signal instances through it: message, signal and timer starts, deliveries)
 * plus mail.
 */
export interface ActivityDeps extends EngineDeps {
  mailer: Mailer;
  mailFrom: string;
  /** The wall clock, required here so projections can be tested at fixed instants. */
  now: () => Date;
  /** The AES-256-GCM key sealed bids are opened with (platform/config.ts `bidSealingKey`). */
  bidSealingKey: Buffer;
  /** Tests only: called after each notification mail is sent, to fail an attempt there and force a retry. */
  afterNotificationSent?: (idempotencyKey: string) => void | Promise<void>;
}
