import { checks, recoveredAfterMs, verdict, type Outcome, type Phase, type RssSample } from '../../bench/load-checks';

const MiB = 2 ** 20;
const answer = (
  phase: Phase,
  at: number,
  ms: number,
  status: Outcome['status'] = 200,
  retryAfter = false,
): Outcome => ({
  op: 'queue',
  phase,
  at,
  ms,
  status,
  retryAfter,
});
/** One request every 100 ms from `from` to `to`, each taking `ms`. */
const steadyRun = (phase: Phase, from: number, to: number, ms: number): Outcome[] =>
  Array.from({ length: (to - from) / 100 }, (_, i) => answer(phase, from + i * 100, ms));
const rss = (...mib: Array<[Phase, number]>): RssSample[] =>
  mib.map(([phase, size], i) => ({ at: i * 5000, phase, bytes: size * MiB }));
const byName = (results: ReturnType<typeof checks>) => Object.fromEntries(results.map((c) => [c.name, c.passed]));

describe('load verdicts', () => {
  it('counts 429/503 as polite only with Retry-After, and any 500 or timeout as a failure', () => {
    expect(verdict(answer('burst', 0, 5, 503, true))).toBe('shed');
    expect(verdict(answer('burst', 0, 5, 429, true))).toBe('shed');
    expect(verdict(answer('burst', 0, 5, 503, false))).toBe('failure');
    expect(verdict(answer('burst', 0, 5, 500, true))).toBe('failure');
    expect(verdict(answer('burst', 0, 10_000, 'timeout'))).toBe('failure');
    expect(verdict(answer('burst', 0, 5, 409))).toBe('by-design');
  });
});

describe('load checks', () => {
  const steady = steadyRun('steady', 0, 60_000, 50);
  const burstEnd = 80_000;
  const burst = [...steadyRun('burst', 60_000, burstEnd, 400), answer('burst', 61_000, 2, 503, true)];
  const memory = rss(['warmup', 300], ['steady', 320], ['burst', 500], ['recovery', 510], ['quiet', 505]);

  it('passes a run that refused politely, stayed in memory and came back to its steady latency', () => {
    const recovery = steadyRun('recovery', burstEnd, burstEnd + 65_000, 55);
    expect(byName(checks([...steady, ...burst, ...recovery], memory, burstEnd))).toEqual({
      'steady error rate': true,
      'overload answered with 429/503 and Retry-After only': true,
      'API memory bounded': true,
      'latency back to baseline after the burst': true,
    });
    expect(recoveredAfterMs([...steady, ...recovery], burstEnd)).toBe(10_000);
  });

  it('fails a burst answered with a 500, a recovery that stays slow and memory that keeps growing', () => {
    const slowRecovery = steadyRun('recovery', burstEnd, burstEnd + 65_000, 400);
    const results = checks(
      [...steady, ...burst, answer('burst', 62_000, 30, 500), ...slowRecovery],
      rss(['warmup', 300], ['burst', 400], ['recovery', 440], ['quiet', 460]),
      burstEnd,
    );
    expect(byName(results)).toEqual({
      'steady error rate': true,
      'overload answered with 429/503 and Retry-After only': false,
      'API memory bounded': false,
      'latency back to baseline after the burst': false,
    });
  });

  it('fails a steady phase that is already refusing requests', () => {
    const refusing = steady.map((o, i) => (i % 50 === 0 ? { ...o, status: 503, retryAfter: true } : o));
    expect(byName(checks(refusing, memory, burstEnd))['steady error rate']).toBe(false);
  });
});
