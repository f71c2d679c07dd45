import type { Client } from '@temporalio/client';
import type { Logger } from '../platform/logger';
import type { PrismaClient } from '../platform/db';

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

/** Everything activities touch, constructed by worker/ and injected (tests inject their own). */
export interface ActivityDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  mailFrom: string;
  logger: Logger;
  /** The wall clock, injectable so projections can be tested at fixed instants. */
  now: () => Date;
  /** For what the engine starts or signals itself: instances on message, signal and timer starts, deliveries. */
  temporal: Client;
  /** The interpreter's task queue, for the instances activities start. */
  taskQueue: string;
}
