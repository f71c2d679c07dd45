// A local mail catcher: an SMTP server on loopback (no auth, no TLS) that keeps every message in memory, and a
// small web page + JSON API to read them. Dev and tests get real SMTP delivery without any mail leaving the box.
// In-process: startSmtpCatcher(). As a child: `tsx scripts/stack/smtp-catcher.ts` with SMTP_PORT / MAIL_WEB_PORT.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import pino, { type Logger } from 'pino';
import { LOOPBACK } from './ports';

export interface CaughtMail {
  id: string;
  from: string;
  /** Envelope recipients (RCPT TO), so Bcc recipients are included. */
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  date: string;
  messageId: string | null;
  headers: Record<string, string>;
}

export interface SmtpCatcher {
  smtpUrl: string;
  webUrl: string;
  messages: () => CaughtMail[];
  clear: () => void;
  stop: () => Promise<void>;
}

const MAX_MESSAGES = 1000; // oldest are dropped: a long-running dev stack must not grow without bound

export async function startSmtpCatcher(opts: {
  smtpPort: number;
  webPort: number;
  logger: Logger;
}): Promise<SmtpCatcher> {
  const { logger } = opts;
  let store: CaughtMail[] = []; // newest first
  let seq = 0;

  const smtp = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const mail: CaughtMail = {
            id: String(++seq),
            from: parsed.from?.text || (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: parsed.html || null,
            date: (parsed.date ?? new Date()).toISOString(),
            messageId: parsed.messageId ?? null,
            headers: headerValues(parsed),
          };
          store = [mail, ...store].slice(0, MAX_MESSAGES);
          logger.debug(
            { id: mail.id, to: mail.to, subject: mail.subject, headerTo: addresses(parsed.to) },
            'mail caught',
          );
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  smtp.on('error', (err) => logger.warn({ err }, 'smtp catcher error'));

  const web = createServer((req, res) =>
    handle(
      req,
      res,
      () => store,
      () => {
        store = [];
      },
    ),
  );

  await listen((cb) => smtp.listen(opts.smtpPort, LOOPBACK, cb), smtp.server);
  await listen((cb) => web.listen(opts.webPort, LOOPBACK, cb), web);
  const smtpPort = portOf(smtp.server.address());
  const webPort = portOf(web.address());
  logger.info({ smtpPort, webPort }, 'SMTP catcher listening');

  return {
    smtpUrl: `smtp://${LOOPBACK}:${smtpPort}`,
    webUrl: `http://${LOOPBACK}:${webPort}`,
    messages: () => [...store],
    clear: () => {
      store = [];
    },
    stop: async () => {
      web.closeAllConnections();
      await Promise.all([
        new Promise<void>((r) => smtp.close(() => r())),
        new Promise<void>((r) => web.close(() => r())),
      ]);
    },
  };
}

function handle(req: IncomingMessage, res: ServerResponse, list: () => CaughtMail[], clear: () => void): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/api/messages' && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(list()));
  } else if (path === '/api/messages' && req.method === 'DELETE') {
    clear();
    res.writeHead(204).end();
  } else if (path === '/' && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(list()));
  } else {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}

function page(mails: CaughtMail[]): string {
  const rows = mails
    .map(
      (m) => `<article><h2>${esc(m.subject || '(no subject)')}</h2>
<p><b>From</b> ${esc(m.from)} &middot; <b>To</b> ${esc(m.to.join(', '))} &middot; <time>${esc(m.date)}</time></p>
<pre>${esc(m.text)}</pre></article>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Caught mail (${mails.length})</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:auto}article{border-bottom:1px solid #ccc}pre{white-space:pre-wrap}</style>
</head><body><h1>Caught mail (${mails.length})</h1><p>Newest first. JSON: <a href="/api/messages">/api/messages</a></p>
${rows || '<p>No mail yet.</p>'}</body></html>`;
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

// Decoded where mailparser gives a plain string (Subject in UTF-8), else the raw line unfolded (From, Date, ...).
function headerValues(parsed: ParsedMail): Record<string, string> {
  return Object.fromEntries(
    parsed.headerLines.map((h) => {
      const decoded = parsed.headers.get(h.key);
      const raw = h.line
        .slice(h.line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim();
      return [h.key, typeof decoded === 'string' ? decoded : raw];
    }),
  );
}

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address ?? ''));

function listen(
  start: (cb: () => void) => void,
  server: { once(e: 'error', l: (err: Error) => void): unknown },
): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    start(resolve);
  });
}

function portOf(address: ReturnType<import('node:net').Server['address']>): number {
  if (address && typeof address === 'object') return address.port;
  throw new Error('server has no TCP address');
}

// Child-process mode: ports from env, stops on SIGTERM/SIGINT.
if (require.main === module) {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', name: 'smtp-catcher' });
  startSmtpCatcher({
    smtpPort: Number(process.env.SMTP_PORT ?? 1025),
    webPort: Number(process.env.MAIL_WEB_PORT ?? 1080),
    logger,
  })
    .then((catcher) => {
      logger.info({ smtpUrl: catcher.smtpUrl, webUrl: catcher.webUrl }, 'ready');
      const shutdown = (): void => void catcher.stop().then(() => process.exit(0));
      process.once('SIGTERM', shutdown).once('SIGINT', shutdown);
    })
    .catch((err: unknown) => {
      logger.error({ err }, 'failed to start');
      process.exit(1);
    });
}
