import type { CheckFamily } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { checksConfigSchema, type CheckThresholds } from './thresholds';

const CHECK_ID = /\b[A-Z]{3}-\d{2}\b/g;

/**
 * Which `jumpcloud.checks` keys each built-in check reads: the config
 * schema's descriptions name them ("DEV-03: longest allowed idle time…"),
 * the same text docs/checks.md shows, so the two cannot drift apart.
 */
const KEYS_BY_CHECK: ReadonlyMap<string, string[]> = (() => {
  const byCheck = new Map<string, string[]>();
  for (const [key, schema] of Object.entries(checksConfigSchema.shape)) {
    for (const [checkId] of (schema.description ?? '').matchAll(CHECK_ID)) {
      const keys = byCheck.get(checkId) ?? [];
      if (!keys.includes(key)) keys.push(key);
      byCheck.set(checkId, keys);
    }
  }
  return byCheck;
})();

/**
 * The thresholds a built-in check reads, with the values in effect.
 * Device checks also read `staleDays` (a device not seen for longer is
 * unknown for every check of its family); `disabled` is shown as the
 * check's own switch, not as a threshold.
 */
export function thresholdsInEffect(
  check: { id: string; family: CheckFamily },
  thresholds: CheckThresholds,
): Record<string, unknown> {
  const keys = [
    ...(check.family === 'device' ? ['staleDays'] : []),
    ...(KEYS_BY_CHECK.get(check.id) ?? []),
  ];
  return Object.fromEntries(
    keys.map(key => [key, thresholds[key as keyof CheckThresholds]]),
  );
}
