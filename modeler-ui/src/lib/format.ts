import { getLocale, t } from '../i18n';

/** Government work is on Korea time regardless of the browser's zone. */
const TIME_ZONE = 'Asia/Seoul';

function intlLocale(): string {
  return getLocale() === 'ko' ? 'ko-KR' : 'en-GB';
}

export function formatDateTime(
  iso: string | null | undefined,
  { seconds = false }: { seconds?: boolean } = {},
): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' as const } : {}),
    hourCycle: 'h23',
  }).format(d);
}

export function isOverdue(iso: string | null | undefined, now: Date = new Date()): boolean {
  if (!iso) return false;
  const d = new Date(iso);
  return !Number.isNaN(d.getTime()) && d.getTime() < now.getTime();
}

/** For display, a working day is 8 working hours (09:00-12:00, 13:00-18:00). */
export const WORKING_DAY_MINUTES = 8 * 60;

/**
 * A span of working time in its two largest units, a remainder dropped: 320 → "5시간 20분", 1140 → "2일 3시간"
 * (days of 8 working hours), 45 → "45분", 0 → "0분".
 */
export function formatWorkingDuration(workingMinutes: number): string {
  const total = Math.max(0, Math.floor(workingMinutes));
  const days = Math.floor(total / WORKING_DAY_MINUTES);
  const hours = Math.floor((total % WORKING_DAY_MINUTES) / 60);
  const minutes = total % 60;
  const parts =
    days > 0
      ? [t('timeLeft.days', { n: days }), hours > 0 && t('timeLeft.hours', { n: hours })]
      : [
          hours > 0 && t('timeLeft.hours', { n: hours }),
          (minutes > 0 || hours === 0) && t('timeLeft.minutes', { n: minutes }),
        ];
  return parts.filter((part): part is string => typeof part === 'string').join(' ');
}

/** Renders any variable value as readable text: strings as-is, everything else as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
