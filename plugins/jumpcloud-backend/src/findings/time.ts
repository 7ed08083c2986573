import { DateTime } from 'luxon';

/** The service's clock; tests replace it to move time. */
export type Clock = () => DateTime;

export const systemClock: Clock = () => DateTime.utc();

/** ISO 8601 UTC with milliseconds: one format everywhere, so text order is time order. */
export function toIsoUtc(value: DateTime | string): string {
  const dt =
    typeof value === 'string'
      ? DateTime.fromISO(value, { zone: 'utc' })
      : value;
  return dt.toUTC().toISO()!;
}
