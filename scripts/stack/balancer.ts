// One HTTP port in front of several API processes (the cluster mode and docker-compose.yml): each request goes to
// the next API that accepts a connection, so a killed API costs no request that had not reached it yet. A request
// no API takes, or that loses its API midway, is answered 503 DEPENDENCY_UNAVAILABLE with Retry-After (never a 5xx
// without a code). X-Forwarded-For carries the caller's address (the API trusts it from TRUST_PROXY).
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { AppError } from '../../shared/app-error';

export interface Target {
  host: string;
  port: number;
}

export interface Balancer {
  url: string;
  close: () => Promise<void>;
}

const RETRY_AFTER_SECONDS = 2;
const CONNECT_TIMEOUT_MS = 2_000;

export async function startBalancer(opts: {
  host: string;
  port: number;
  targets: Target[];
  logger: Logger;
}): Promise<Balancer> {
  const { targets, logger } = opts;
  let next = 0;

  /** The next target that takes a connection, trying each once. */
  const connectToAny = async (): Promise<Socket | undefined> => {
    for (const _ of targets) {
      const target = targets[next++ % targets.length]!;
      const socket = await connectTo(target).catch(() => undefined);
      if (socket) return socket;
    }
    return undefined;
  };

  const server = createServer((req, res) => {
    void connectToAny().then((socket) => {
      if (!socket) return unavailable(res, 'No API process accepts connections right now.');
      forward(req, res, socket, logger);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  return { url: `http://${opts.host}:${opts.port}`, close: () => closeServer(server) };
}

function connectTo(target: Target): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port, timeout: CONNECT_TIMEOUT_MS });
    socket.once('connect', () => {
      socket.setTimeout(0);
      resolve(socket);
    });
    socket.once('timeout', () => socket.destroy(new Error('connect timeout')));
    socket.once('error', reject);
  });
}

function forward(req: IncomingMessage, res: ServerResponse, socket: Socket, logger: Logger): void {
  const caller = req.socket.remoteAddress ?? '';
  const forwardedFor = req.headers['x-forwarded-for'];
  const headers = {
    ...req.headers,
    connection: 'close',
    'x-forwarded-for': forwardedFor ? `${String(forwardedFor)}, ${caller}` : caller,
  };
  const upstream = request({ method: req.method, path: req.url, headers, createConnection: () => socket }, (answer) => {
    // Our connection to the API closes after each request; the caller's may stay open.
    const { connection: _hop, 'keep-alive': _hopToo, ...answerHeaders } = answer.headers;
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answerHeaders);
    answer.pipe(res);
    answer.once('error', () => res.destroy());
  });
  upstream.once('error', (err) => {
    logger.warn({ err, method: req.method, url: req.url }, 'an API process failed during a request');
    if (res.headersSent) res.destroy();
    else unavailable(res, 'The API process handling this request stopped; try again.');
  });
  req.pipe(upstream);
  res.once('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
}

function unavailable(res: ServerResponse, message: string): void {
  const error = new AppError('DEPENDENCY_UNAVAILABLE', message, { retryAfterSeconds: RETRY_AFTER_SECONDS });
  res.writeHead(error.status, { 'content-type': 'application/json', 'retry-after': String(RETRY_AFTER_SECONDS) });
  res.end(JSON.stringify(error.toJSON()));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

const targetList = z
  .string()
  .min(1)
  .transform((list, ctx) =>
    list.split(',').map((entry) => {
      const match = /^([\w.-]+):(\d+)$/.exec(entry.trim());
      if (!match) ctx.addIssue({ code: 'custom', message: `"${entry}" is not host:port` });
      return { host: match?.[1] ?? '', port: Number(match?.[2]) };
    }),
  );

/** The variables of the balancer as a process of its own (docker-compose.yml). */
export const balancerEnvSchema = z.object({
  BALANCER_HOST: z.string().default('127.0.0.1'),
  BALANCER_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The API processes, `host:port,host:port`. */
  BALANCER_TARGETS: targetList,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

if (require.main === module) {
  const env = balancerEnvSchema.parse(process.env);
  const logger = pino({ level: env.LOG_LEVEL, name: 'balancer' });
  startBalancer({ host: env.BALANCER_HOST, port: env.BALANCER_PORT, targets: env.BALANCER_TARGETS, logger })
    .then((balancer) => {
      logger.info({ url: balancer.url, targets: env.BALANCER_TARGETS }, 'balancer listening');
      const shutdown = (): void => void balancer.close().then(() => process.exit(0));
      process.once('SIGTERM', shutdown).once('SIGINT', shutdown);
    })
    .catch((err: unknown) => {
      logger.error({ err }, 'balancer failed to start');
      process.exit(1);
    });
}
