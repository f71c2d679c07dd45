import { firingAt, scheduleTimer, TimerValueError } from '../../shared/timer';

const now = Date.parse('2026-11-27T09:00:00+09:00');
const hour = 3_600_000;

describe('scheduleTimer', () => {
  it('counts a duration from now', () => {
    expect(scheduleTimer('duration', 'PT3H', now)).toEqual({ firstAt: now + 3 * hour, repetitions: 1 });
  });

  it('takes a date with its offset as the instant', () => {
    expect(scheduleTimer('date', '2026-12-01T18:00:00+09:00', now).firstAt).toBe(Date.parse('2026-12-01T09:00:00Z'));
  });

  it('repeats a cycle n times, or without end for R/', () => {
    const cycle = scheduleTimer('cycle', 'R3/PT8H', now);
    expect(cycle).toEqual({ firstAt: now + 8 * hour, intervalMs: 8 * hour, repetitions: 3 });
    expect(firingAt(cycle, 2)).toBe(now + 24 * hour);
    expect(scheduleTimer('cycle', 'R/P1D', now).repetitions).toBe(Infinity);
  });

  it('starts a cycle at its given start date', () => {
    expect(scheduleTimer('cycle', 'R2/2026-12-01T09:00:00+09:00/PT1H', now).firstAt).toBe(
      Date.parse('2026-12-01T00:00:00Z'),
    );
  });

  it.each([
    ['duration', 'three days', 'not an ISO 8601 duration'],
    ['duration', 'PT0S', 'longer than zero'],
    ['date', '2026-12-01T18:00:00', 'needs a UTC offset'],
    ['cycle', 'every hour', 'not an ISO 8601 cycle'],
    ['cycle', 'R0/PT1H', 'at least once'],
  ] as const)('refuses a %s of %p: %s', (kind, value, reason) => {
    expect(() => scheduleTimer(kind, value, now)).toThrow(TimerValueError);
    expect(() => scheduleTimer(kind, value, now)).toThrow(reason);
  });
});
