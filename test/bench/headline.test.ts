import { cpuAtSaturationLine, headlineLines, historyEventsLine, rLine, type Saturation } from '../../bench/headline';

const arm = (perSecond: number, cpuMs: number) => ({ perSecond, cpuMs: { total: cpuMs } });
const memory: Saturation = {
  storage: 'memory',
  concurrency: 16,
  reached: true,
  arms: { A: arm(19.5, 99), B: arm(21, 94.04), C: arm(40, 42) },
};
const file: Saturation = {
  storage: 'file',
  concurrency: 32,
  reached: true,
  arms: { A: arm(10.1, 152.26), B: arm(11, 140), C: arm(20, 60) },
};
const history = { events: { a: 34, b: 34 }, bytes: { a: 9796, b: 6396 } };

describe("the bench's printed headline", () => {
  it('names the storage mode and the saturation point in the CPU line', () => {
    expect(cpuAtSaturationLine(file)).toBe(
      'CPU ms per instance at saturation (file): A 152.3, B 140.0, C 60.0 (32 in flight)',
    );
  });

  it('says when the Temporal server’s CPU is not in the totals', () => {
    expect(cpuAtSaturationLine({ ...memory, storage: 'postgres', temporalUncounted: true })).toMatch(
      /^CPU ms per instance at saturation \(postgres\): A 99\.0, B 94\.0, C 42\.0 \(16 in flight; the Temporal server runs outside the bench and is not counted\)$/,
    );
  });

  it('calls a point where throughput still rose a lower bound, not saturation', () => {
    expect(cpuAtSaturationLine({ ...file, reached: false })).toMatch(/\(32 in flight, still rising: a lower bound\)$/);
    expect(rLine([{ ...memory, reached: false }])).toBe(
      'R = 0.929 (memory: A/B = 19.5/21.0 instances/s at 16 in flight, still rising: a lower bound)',
    );
  });

  it('gives history events and bytes of A over B', () => {
    expect(historyEventsLine(history)).toBe('History events A/B = 34/34 = 1.000 (bytes 9796/6396 = 1.53)');
  });

  it('gives R of every storage mode on one line, each with its mode and saturation point', () => {
    expect(rLine([memory, file])).toBe(
      'R = 0.929 (memory: A/B = 19.5/21.0 instances/s at 16 in flight, saturation); ' +
        '0.918 (file: A/B = 10.1/11.0 instances/s at 32 in flight, saturation)',
    );
  });

  it('prints a CPU line per storage mode, then history events, then R last', () => {
    const lines = headlineLines([memory, file], history);
    expect(lines.map((line) => line.split(/[:=]/)[0])).toEqual([
      'CPU ms per instance at saturation (memory)',
      'CPU ms per instance at saturation (file)',
      'History events A/B ',
      'R ',
    ]);
  });
});
