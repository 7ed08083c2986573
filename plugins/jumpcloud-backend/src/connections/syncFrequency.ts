import type { SyncFrequency } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { CronTime } from 'cron';
import { Duration } from 'luxon';

const PRESETS = {
  hourly: { hours: 1 },
  'every-6-hours': { hours: 6 },
  'every-12-hours': { hours: 12 },
  daily: { hours: 24 },
} as const;

// Shorter cadences would hammer JumpCloud's rate limits for no benefit.
const MIN_INTERVAL_MINUTES = 5;

/** Why a frequency is invalid, or undefined when it is fine. */
export function frequencyProblem(frequency: SyncFrequency): string | undefined {
  if (typeof frequency === 'string') {
    return undefined;
  }
  if ('duration' in frequency) {
    const duration = Duration.fromISO(frequency.duration);
    if (!duration.isValid) {
      return `"${frequency.duration}" is not an ISO 8601 duration (e.g. PT30M)`;
    }
    if (duration.as('minutes') < MIN_INTERVAL_MINUTES) {
      return `must be at least ${MIN_INTERVAL_MINUTES} minutes`;
    }
    return undefined;
  }
  try {
    // eslint-disable-next-line no-new
    new CronTime(frequency.cron);
    return undefined;
  } catch {
    return `"${frequency.cron}" is not a valid cron expression`;
  }
}

/**
 * Reads the string form used in app-config.yaml: a preset name, an ISO 8601
 * duration or a cron expression.
 */
export function parseFrequencyString(value: string): SyncFrequency {
  const trimmed = value.trim();
  if (trimmed === 'off' || trimmed in PRESETS) {
    return trimmed as SyncFrequency;
  }
  if (/^P/i.test(trimmed)) {
    return { duration: trimmed.toUpperCase() };
  }
  return { cron: trimmed };
}

/** The scheduler cadence of a frequency; `off` still allows Sync Now. */
export function toSchedulerFrequency(
  frequency: SyncFrequency,
): SchedulerServiceTaskScheduleDefinition['frequency'] {
  if (frequency === 'off') {
    return { trigger: 'manual' };
  }
  if (typeof frequency === 'string') {
    return PRESETS[frequency];
  }
  if ('duration' in frequency) {
    return Duration.fromISO(frequency.duration).toObject();
  }
  return { cron: frequency.cron };
}
