/** Durations in milliseconds as people read them: the largest unit that keeps the figure at one or above. */
import { t, type MessageKey } from '../../i18n';

const UNITS: Array<{ ms: number; key: MessageKey }> = [
  { ms: 86_400_000, key: 'dashboards.unit.days' },
  { ms: 3_600_000, key: 'dashboards.unit.hours' },
  { ms: 60_000, key: 'dashboards.unit.minutes' },
  { ms: 1_000, key: 'dashboards.unit.seconds' },
];

export function formatDurationMs(ms: number): string {
  const unit = UNITS.find((candidate) => ms >= candidate.ms);
  if (!unit) return t('dashboards.unit.ms', { value: Math.round(ms) });
  const value = ms / unit.ms;
  return t(unit.key, { value: value >= 10 ? Math.round(value) : Math.round(value * 10) / 10 });
}
