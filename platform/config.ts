/**
 * Configuration, read from the environment once at start-up and validated; everything else receives it injected.
 * A bad value stops the process with a message naming the variable.
 */
import { z } from 'zod';
import { DEFAULT_ENGINE_LIMITS, type EngineLimits } from '../shared/engine-limits';
import type { PoolBounds } from './db';

/** The longest a worker's query may wait for a connection: well inside an activity attempt's 30 seconds. */
const WORKER_POOL_WAIT_MAX_MS = 25_000;

export const configSchema = z.object({
  DATABASE_URL: z.string().url({ message: 'must be a postgresql:// connection URL' }),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[\w.-]+:\d+$/, 'must be host:port')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** The interpreter's task queue; tests give each suite its own. */
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('bps'),
  TEMPORAL_UI_URL: z.string().url().optional(),
  /** A prebuilt workflow bundle (scripts/bundle-workflows.ts); without one the worker bundles at start-up. */
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('On-Nara BPS <no-reply@bps.onnara.local>'),
  MAIL_WEB_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** Secure cookies need HTTPS; the embedded dev stack serves plain HTTP on loopback. */
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  MAX_BPMN_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  MAX_XML_DEPTH: z.coerce.number().int().positive().default(64),
  /** The largest file a task attachment may be (docs/work-queues.md). */
  MAX_ATTACHMENT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** Seconds between two scans for due notification mail. */
  NOTIFICATION_SCAN_SECONDS: z.coerce.number().positive().default(60),
  /** A reminder goes out when a task's due date is at most this many working days away (D-1 by default). */
  NOTIFICATION_REMINDER_WORKING_DAYS: z.coerce.number().int().min(0).max(30).default(1),
  /** A petition's progress notice goes out every this many days after it was received. */
  NOTIFICATION_PROGRESS_DAYS: z.coerce.number().int().positive().default(30),
  // Login and sessions (docs/security.md).
  /** A session unused this long ends, however long its lifetime. */
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  /** Failed logins of one account within LOGIN_WINDOW_MINUTES before it is locked. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  /** Failed logins from one source address within the window before the address is locked (higher: shared NAT). */
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(50),
  LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().positive().default(15),
  /** Password checks (argon2id, ~19 MiB each) run at most this many at once; the rest wait in a short queue. */
  LOGIN_CONCURRENT_VERIFICATIONS: z.coerce.number().int().positive().default(2),
  // Overload (docs/reliability.md): sized for two cores, where the database, not Node, is the bottleneck.
  /** API requests served at once by one process; more wait in a short queue. Health checks are not counted. */
  API_MAX_IN_FLIGHT: z.coerce.number().int().positive().default(32),
  /** Requests that may wait for a slot; beyond this they are refused at once with 503 and Retry-After. */
  API_MAX_QUEUED: z.coerce.number().int().min(0).default(64),
  /** How long a request waits for a slot before it is refused with 503 and Retry-After. */
  API_QUEUE_WAIT_MS: z.coerce.number().int().positive().default(1000),
  /** Database connections of one process (node-postgres pool). */
  DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /** How long a query waits for a free connection before its request is answered 503 (a dry pool fails fast). */
  DATABASE_POOL_WAIT_MS: z.coerce.number().int().positive().default(2000),
  /**
   * Database connections of one worker process. Its activities (Temporal runs up to 100 activities and 100 local
   * activities at once) spend most of their time in PostgreSQL, which on two cores serves about this many at once.
   */
  WORKER_DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(20),
  /**
   * How long an activity's query waits for a free connection; then the attempt fails and Temporal retries it with
   * backoff. Below the activities' 30-second start-to-close timeout (workflows/activities.ts), or it could not fire.
   */
  WORKER_DATABASE_POOL_WAIT_MS: z.coerce
    .number()
    .int()
    .positive()
    .max(WORKER_POOL_WAIT_MAX_MS, `must be at most ${WORKER_POOL_WAIT_MAX_MS} (the activities time out at 30 s)`)
    .default(10_000),
  /**
   * Which proxies' X-Forwarded-For the API believes (Express's `trust proxy`: loopback, uniquelocal, addresses or
   * CIDRs): the source address of the audit trail and of the per-address login limit.
   */
  TRUST_PROXY: z.string().min(1).default('loopback'),
  /** The app's own origin (https://bps.example.go.kr) for the CSRF check; without it, the request's Host. */
  PUBLIC_ORIGIN: z
    .string()
    .url()
    .transform((url) => new URL(url).origin)
    .optional(),
  /** The HMAC-SHA-256 key that signs the reading records (docs/classified.md); required outside the demo stack. */
  RECORD_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Set only by `npm start` (the demo stack): it alone may fall back to the development signing key. */
  DEMO_PASSWORD: z.string().min(1).optional(),
  /** Seconds between two scans for due 예고문 (re-grading, declassification, destruction). */
  CLASSIFIED_REVIEW_SCAN_SECONDS: z.coerce.number().positive().default(3600),
  /** Seconds between two passes of the reconciler in each worker (docs/reliability.md); it also runs at start-up. */
  RECONCILE_INTERVAL_SECONDS: z.coerce.number().positive().default(300),
  /** Rows and workflows younger than this are left to their start, which may still be under way. */
  RECONCILE_GRACE_SECONDS: z.coerce.number().positive().default(60),
  /** The AES-256-GCM key that seals bids until their opening, 64 hex digits; required outside the demo stack. */
  BID_SEALING_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits (a 256-bit key), e.g. from `openssl rand -hex 32`')
    .optional(),
  // Engine limits (docs/reliability.md, "Engine limits").
  /** The shortest period a timer cycle may repeat at, in seconds: refused at deploy, an incident at run time. */
  MIN_TIMER_CYCLE_SECONDS: z.coerce
    .number()
    .positive()
    .default(DEFAULT_ENGINE_LIMITS.minTimerCycleMs / 1000),
  /**
   * The longest a /v2 job activation long-polls, in ms: a longer `requestTimeout` is cut to it, so a request cannot
   * hold one of the API's request slots (API_MAX_IN_FLIGHT) for hours.
   */
  JOB_ACTIVATION_MAX_WAIT_MS: z.coerce.number().int().positive().default(60_000),
  /** The most items a multi-instance activity may run for; a larger collection is an incident. */
  MAX_MULTI_INSTANCE_ITEMS: z.coerce.number().int().positive().default(DEFAULT_ENGINE_LIMITS.maxMultiInstanceItems),
});

export type Config = z.infer<typeof configSchema>;

/** The notifier's settings (workflows/notification-dispatcher.ts) from the configuration. */
export function notificationSettings(config: Config) {
  return {
    intervalMs: config.NOTIFICATION_SCAN_SECONDS * 1000,
    reminderWorkingDays: config.NOTIFICATION_REMINDER_WORKING_DAYS,
    progressNoticeDays: config.NOTIFICATION_PROGRESS_DAYS,
  };
}

/** The bounds of a worker's database pool (platform/db.ts), as the API's are DATABASE_POOL_SIZE and _WAIT_MS. */
export function workerDatabasePool(config: Config): PoolBounds {
  return { size: config.WORKER_DATABASE_POOL_SIZE, waitMs: config.WORKER_DATABASE_POOL_WAIT_MS };
}

/** The engine's limits (shared/engine-limits.ts) from the configuration. */
export function engineLimits(config: Config): EngineLimits {
  return {
    minTimerCycleMs: config.MIN_TIMER_CYCLE_SECONDS * 1000,
    maxMultiInstanceItems: config.MAX_MULTI_INSTANCE_ITEMS,
  };
}

/** Signs reading records on the demo stack only; anywhere else a missing key stops the process. */
const DEVELOPMENT_RECORD_SIGNING_KEY = 'development-only-reading-record-key-never-for-production';

/** The reading records' signing key: the configured one, or the development key on the demo stack. */
export function recordSigningKey(config: Config): string {
  if (config.RECORD_SIGNING_KEY) return config.RECORD_SIGNING_KEY;
  if (config.DEMO_PASSWORD) return DEVELOPMENT_RECORD_SIGNING_KEY;
  throw new Error(
    'Invalid configuration:\n  RECORD_SIGNING_KEY: required (32 characters or more) to sign classified reading records',
  );
}

/** Seals bids on the demo stack only; anywhere else a missing key stops the process. */
const DEVELOPMENT_BID_SEALING_KEY = 'de7e10b3e27de7e10b3e27de7e10b3e27de7e10b3e27de7e10b3e27de7e10b3e2';

/** The bid sealing key (engine/procurement/sealing.ts): the configured one, or the development key on the demo stack. */
export function bidSealingKey(config: Config): Buffer {
  if (config.BID_SEALING_KEY) return Buffer.from(config.BID_SEALING_KEY, 'hex');
  if (config.DEMO_PASSWORD) return Buffer.from(DEVELOPMENT_BID_SEALING_KEY, 'hex');
  throw new Error(
    'Invalid configuration:\n  BID_SEALING_KEY: required (64 hex digits) to seal bids until their opening',
  );
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
