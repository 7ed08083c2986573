import { DateTime, Duration } from 'luxon';

// Luxon formats in the browser's locale and time zone by default, which is
// what users expect to read.

/** "Nov 23, 2026, 3:04 PM" in the user's locale, or an em dash. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = DateTime.fromISO(iso);
  return date.isValid ? date.toLocaleString(DateTime.DATETIME_MED) : '—';
}

/** "Nov 23, 2026" in the user's locale, or an em dash. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = DateTime.fromISO(iso);
  return date.isValid ? date.toLocaleString(DateTime.DATE_MED) : '—';
}

/** "3 hours ago", or an em dash. */
export function formatRelative(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = DateTime.fromISO(iso);
  return date.isValid ? date.toRelative() ?? '—' : '—';
}

/** "1m 12s" style duration, or an em dash. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const duration = Duration.fromMillis(ms).shiftTo(
    'hours',
    'minutes',
    'seconds',
  );
  const parts: string[] = [];
  if (duration.hours) parts.push(`${duration.hours}h`);
  if (duration.minutes) parts.push(`${duration.minutes}m`);
  parts.push(`${Math.round(duration.seconds)}s`);
  return parts.join(' ');
}

/** ISO date (yyyy-MM-dd) some days from now, for date inputs. */
export function isoDateFromNow(days: number): string {
  return DateTime.now().plus({ days }).toISODate() ?? '';
}

/** End of the given local day as an ISO timestamp. */
export function endOfDayIso(isoDate: string): string | null {
  const date = DateTime.fromISO(isoDate);
  return date.isValid ? date.endOf('day').toUTC().toISO() : null;
}
