/** Clock-stop periods: parsing, and which days and working time they take out of a count. */
import { clockStops, formatClockStop, parseClockStop } from '../../../gov/calendar/clock-stop';
import { parseInstant } from '../../../gov/calendar/local-date';

describe('clock-stops', () => {
  it('reads whole days (both included) and instants (written back in +09:00)', () => {
    expect(parseClockStop('2026-03-10/2026-03-12')).toEqual({ kind: 'days', from: '2026-03-10', to: '2026-03-12' });
    const instants = parseClockStop('2026-03-10T06:00:00Z/2026-03-12T10:00:00+09:00', 'excluded', '보완요구');
    expect(formatClockStop(instants)).toBe('2026-03-10T15:00:00+09:00/2026-03-12T10:00:00+09:00');
    expect(instants.label).toBe('보완요구');
    expect(parseClockStop('2026-03-10/2026-03-10')).toEqual({ kind: 'days', from: '2026-03-10', to: '2026-03-10' });
  });

  it('touches every Korean date an instant stop runs on, and not the day after one that ends at midnight', () => {
    const stops = clockStops([parseClockStop('2026-03-10T17:00:00+09:00/2026-03-12T00:00:00+09:00')]);
    expect(
      ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12'].map((date) => Boolean(stops.touching(date))),
    ).toEqual([false, true, true, false]);
    expect(stops.wholeDay('2026-03-11')).toBeUndefined(); // instants never stop whole days in hour counts
  });

  it('clips instant stops to the span asked about, in order', () => {
    const stops = clockStops([
      parseClockStop('2026-03-10T15:00:00+09:00/2026-03-10T16:00:00+09:00'),
      parseClockStop('2026-03-10T10:00:00+09:00/2026-03-10T11:00:00+09:00'),
    ]);
    const spans = stops.spansWithin(
      parseInstant('2026-03-10T10:30:00+09:00', 'x'),
      parseInstant('2026-03-10T18:00:00+09:00', 'x'),
    );
    expect(spans.map((span) => [span.from, span.to])).toEqual([
      [parseInstant('2026-03-10T10:30:00+09:00', 'x'), parseInstant('2026-03-10T11:00:00+09:00', 'x')],
      [parseInstant('2026-03-10T15:00:00+09:00', 'x'), parseInstant('2026-03-10T16:00:00+09:00', 'x')],
    ]);
  });
});
