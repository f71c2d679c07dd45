/**
 * Admission control (docs/reliability.md, "Overload"): at most `maxInFlight` API requests run at once and up to
 * `maxQueued` more wait, each for at most `queueWaitMs`. Anything beyond is refused at once with 503 OVERLOADED and
 * `Retry-After`, before it costs a database query: a burst is answered quickly instead of piling up until every
 * caller times out. One limiter per API process, shared by /api and /v2.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../shared/app-error';

export interface AdmissionLimits {
  maxInFlight: number;
  maxQueued: number;
  queueWaitMs: number;
}

/** Seconds a refused caller is asked to wait: the queue drains in about a queue wait. */
const RETRY_AFTER_SECONDS = 1;

function overloaded(): AppError {
  return new AppError('OVERLOADED', 'The server is handling too many requests right now; try again in a second.', {
    retryAfterSeconds: RETRY_AFTER_SECONDS,
  });
}

export function admission({ maxInFlight, maxQueued, queueWaitMs }: AdmissionLimits): RequestHandler {
  let inFlight = 0;
  const queue: Array<() => void> = [];

  /** The slot passes straight to the next waiter, so `inFlight` counts it without a gap another caller could take. */
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else inFlight -= 1;
  };

  const acquire = (): Promise<void> => {
    if (inFlight < maxInFlight) {
      inFlight += 1;
      return Promise.resolve();
    }
    if (queue.length >= maxQueued) return Promise.reject(overloaded());
    return new Promise((resolve, reject) => {
      const granted = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(granted), 1);
        reject(overloaded());
      }, queueWaitMs);
      queue.push(granted);
    });
  };

  return (_req: Request, res: Response, next: NextFunction) => {
    // 'close' fires once the answer is sent or the caller went away; a caller gone while queued frees its slot at once.
    let gone = false;
    const onGone = () => (gone = true);
    res.once('close', onGone);
    acquire().then(() => {
      res.off('close', onGone);
      if (gone) return release();
      res.once('close', release);
      next();
    }, next);
  };
}
