/**
 * Errors that mean a dependency is unreachable rather than that the request is wrong: PostgreSQL or Temporal down,
 * restarting or not answering in time. The API answers them 503 with `Retry-After`, never 500: the client did
 * nothing wrong and the same request succeeds once the dependency is back (docs/reliability.md).
 */
import { isGrpcServiceError, ServiceError } from '@temporalio/client';
import { AppError } from '../shared/app-error';

/** Long enough for a restart to begin answering, short enough that a client retrying by it does not wait idly. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

/**
 * Prisma's codes for a database it cannot reach or that stopped answering: P1001 unreachable, P1002 timed out,
 * P1017 closed the connection, P2024 no pooled connection in time, P2028 the transaction's connection went away.
 */
const PRISMA_UNREACHABLE = new Set(['P1001', 'P1002', 'P1017', 'P2024', 'P2028']);
/** node-postgres and socket errors, and PostgreSQL's own "shutting down / starting up" (57P01, 57P03). */
const DRIVER_UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03']);
/** A driver adapter's kinds of error for a database it cannot reach, as a raw query (P2010) reports them. */
const ADAPTER_UNREACHABLE = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout']);
/** gRPC status codes 14 UNAVAILABLE and 4 DEADLINE_EXCEEDED: the Temporal frontend is down or did not answer. */
const GRPC_UNREACHABLE = new Set([14, 4]);

/**
 * node-postgres losing its socket mid-query, and refusing a pooled client whose socket broke before (a transaction
 * that began just as PostgreSQL restarted: npm run chaos met it).
 */
const PG_CONNECTION_LOST = new Set([
  'Connection terminated unexpectedly',
  'Client has encountered a connection error and is not queryable',
]);

type Dependency = 'PostgreSQL' | 'Temporal';

/** Which dependency the error says is unreachable, if any; looks through `cause` chains (drivers wrap errors). */
export function unreachableDependency(error: unknown): Dependency | undefined {
  for (let current = error, depth = 0; current && depth < 5; current = causeOf(current), depth++) {
    if (isGrpcServiceError(current)) return GRPC_UNREACHABLE.has(current.code) ? 'Temporal' : undefined;
    if (current instanceof ServiceError) continue;
    const { name, code, originalCode, kind, message } = current as {
      name?: string;
      code?: unknown;
      originalCode?: unknown;
      kind?: unknown;
      message?: string;
    };
    if (name === 'PrismaClientInitializationError') return 'PostgreSQL';
    if (typeof code === 'string' && (PRISMA_UNREACHABLE.has(code) || DRIVER_UNREACHABLE.has(code))) return 'PostgreSQL';
    if (typeof originalCode === 'string' && DRIVER_UNREACHABLE.has(originalCode)) return 'PostgreSQL';
    if (typeof kind === 'string' && ADAPTER_UNREACHABLE.has(kind)) return 'PostgreSQL';
    // The native connection of a worker-side Temporal client.
    if (name === 'TransportError') return 'Temporal';
    if (message !== undefined && PG_CONNECTION_LOST.has(message)) return 'PostgreSQL';
  }
  return undefined;
}

/**
 * The error underneath: its `cause`, or for Prisma's P2039 "Database error" (PostgreSQL refused or dropped the query,
 * e.g. 57P03 while it starts up) the driver adapter's error, whose cause carries PostgreSQL's `originalCode`.
 */
function causeOf(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return undefined;
  const { cause, meta } = error as { cause?: unknown; meta?: { driverAdapterError?: unknown } };
  return meta?.driverAdapterError ?? cause;
}

/** The 503 a request answers when a dependency it needed is unreachable; undefined for any other error. */
export function dependencyOutage(error: unknown): AppError | undefined {
  const dependency = unreachableDependency(error);
  if (!dependency) return undefined;
  return new AppError(
    'DEPENDENCY_UNAVAILABLE',
    `${dependency === 'Temporal' ? 'The process engine (Temporal)' : 'The database (PostgreSQL)'} is not reachable just now; try again in a few seconds.`,
    { retryAfterSeconds: DEPENDENCY_RETRY_AFTER_SECONDS },
  );
}
