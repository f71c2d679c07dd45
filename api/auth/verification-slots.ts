/**
 * A bound on concurrent password checks. Each argon2id check takes ~19 MiB and a thread of libuv's small pool, so a
 * burst of logins must queue here instead of starving the requests of people already logged in.
 */
import { AppError } from '../../shared/app-error';

export type VerificationSlots = <T>(work: () => Promise<T>) => Promise<T>;

/** At most `concurrent` checks at once; up to `maxWaiting` more wait their turn, and beyond that the caller retries. */
export function verificationSlots(concurrent: number, maxWaiting = 100): VerificationSlots {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (work) => {
    if (running < concurrent) running += 1;
    else if (waiting.length < maxWaiting) await new Promise<void>((resolve) => waiting.push(resolve));
    else {
      throw new AppError('TOO_MANY_ATTEMPTS', 'The server is checking many logins at once; try again in a second.', {
        retryAfterSeconds: 1,
      });
    }
    try {
      return await work();
    } finally {
      // The slot passes straight to the next waiter, so `running` counts it without a gap another caller could take.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
