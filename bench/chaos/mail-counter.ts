/**
 * The chaos run's SMTP sink, in the runner's own process so no kill can lose its count: every message the workers
 * deliver, by recipient and Message-ID. A message whose DATA never finished (its sender was killed mid-send) is
 * not counted: a real mail server would not deliver it either.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { LOOPBACK } from '../../scripts/stack/ports';

export interface CountedMail {
  to: string[];
  messageId: string | null;
}

export interface MailCounter {
  url: string;
  delivered: () => CountedMail[];
  /**
   * Runs `hook` with the sender's local port when the next message's DATA starts; the message is read only once the
   * hook has settled: the moment to kill the worker that is inside its send-email activity.
   */
  onNextSendStart: (hook: SendStartHook | undefined) => void;
  stop: () => Promise<void>;
}

/** Resolves true when it killed the sender: the message is then dropped unread, as its sender never finished it. */
export type SendStartHook = (senderPort: number) => Promise<boolean>;

export async function startMailCounter(port: number): Promise<MailCounter> {
  const delivered: CountedMail[] = [];
  let sendStartHook: SendStartHook | undefined;
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const hook = sendStartHook;
      sendStartHook = undefined;
      void (async () => {
        if (hook && (await hook(session.remotePort))) {
          stream.resume();
          return callback(new Error('the sender is gone'));
        }
        const parsed = await simpleParser(stream);
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        delivered.push({ to, messageId: parsed.messageId ?? null });
        callback();
      })().catch((error: Error) => callback(error));
    },
  });
  server.on('error', () => undefined); // a sender killed mid-session is the point of the exercise
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolve());
  });
  return {
    url: `smtp://${LOOPBACK}:${port}`,
    delivered: () => [...delivered],
    onNextSendStart: (hook) => {
      sendStartHook = hook;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
