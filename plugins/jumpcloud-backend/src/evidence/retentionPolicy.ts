import type { Config } from '@backstage/config';
import { DateTime, Duration } from 'luxon';

/**
 * How long sealed evidence is kept whole. Runs younger than `keepAllDays`
 * are all kept; up to `keepDailyDays`, the newest run of each UTC day; after
 * that the newest run of each UTC month, for `keepMonthlyMonths` months of
 * age (null: forever). The newest of a day or month is the one in force at
 * its end, which is what `GET /evidence?asOf=<date>` answers with.
 */
export interface EvidenceRetentionPolicy {
  enabled: boolean;
  keepAllDays: number;
  keepDailyDays: number;
  /** null: one run a month is kept forever. 0: none after the daily tier. */
  keepMonthlyMonths: number | null;
  /** How often the pruning pass runs. */
  frequency: Duration;
}

/**
 * Defaults an auditor accepts: a SOC 2 Type II period looks back 12 months,
 * so every run for 30 days, one a day for a year, and one a month forever.
 */
export const DEFAULT_EVIDENCE_RETENTION: EvidenceRetentionPolicy = {
  enabled: true,
  keepAllDays: 30,
  keepDailyDays: 365,
  keepMonthlyMonths: null,
  frequency: Duration.fromObject({ hours: 6 }),
};

const AT = 'jumpcloud.evidence.retention';

function wholeNumber(
  config: Config | undefined,
  key: string,
  fallback: number,
  min: number,
): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${AT}.${key} must be a whole number of at least ${min}`);
  }
  return value;
}

function readKeepMonthly(config: Config | undefined): number | null {
  const value = config?.getOptional('keepMonthly');
  if (value === undefined || value === true) return null;
  if (value === false) return 0;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1)
    return value;
  throw new Error(
    `${AT}.keepMonthly must be true (one run a month forever), false (none after keepDailyDays) or a whole number of months of at least 1`,
  );
}

/**
 * Reads and validates `jumpcloud.evidence.retention`, failing start-up with
 * a message naming the key rather than pruning evidence it should keep.
 */
export function readEvidenceRetention(root: Config): EvidenceRetentionPolicy {
  const config = root.getOptionalConfig(AT);
  const keepAllDays = wholeNumber(config, 'keepAllDays', 30, 1);
  const keepDailyDays = wholeNumber(config, 'keepDailyDays', 365, 1);
  if (keepDailyDays < keepAllDays) {
    throw new Error(
      `${AT}.keepDailyDays (${keepDailyDays}) must be at least keepAllDays (${keepAllDays})`,
    );
  }
  const frequencyText = config?.getOptionalString('frequency') ?? 'PT6H';
  const frequency = Duration.fromISO(frequencyText);
  if (!frequency.isValid || frequency.as('minutes') < 1) {
    throw new Error(
      `${AT}.frequency must be an ISO 8601 duration of at least a minute, such as PT6H`,
    );
  }
  return {
    enabled: config?.getOptionalBoolean('enabled') ?? true,
    keepAllDays,
    keepDailyDays,
    keepMonthlyMonths: readKeepMonthly(config),
    frequency,
  };
}

/** The policy in words, stored as each pruned run's reason. */
export function describeRetention(policy: EvidenceRetentionPolicy): string {
  let monthly = 'one a month after that';
  if (policy.keepMonthlyMonths === 0) monthly = 'none after that';
  else if (policy.keepMonthlyMonths !== null)
    monthly = `one a month up to ${policy.keepMonthlyMonths} months`;
  return `evidence retention policy: every run for ${policy.keepAllDays} days, one a day for ${policy.keepDailyDays} days, ${monthly}`;
}

export interface RetainedRun {
  runId: string;
  /** ISO 8601 UTC. */
  sealedAt: string;
}

/**
 * The runs the policy keeps whole, of one connection's sealed runs (any
 * order). The newest run and the `pinned` ones (referred to by open
 * findings) are always kept.
 */
export function runsToKeep(
  runs: RetainedRun[],
  policy: EvidenceRetentionPolicy,
  now: DateTime,
  pinned: ReadonlySet<string> = new Set(),
): Set<string> {
  const keep = new Set<string>(pinned);
  const newestFirst = [...runs].sort((a, b) =>
    b.sealedAt.localeCompare(a.sealedAt),
  );
  if (newestFirst[0]) keep.add(newestFirst[0].runId);
  const allSince = now.minus({ days: policy.keepAllDays });
  const dailySince = now.minus({ days: policy.keepDailyDays });
  const monthlySince =
    policy.keepMonthlyMonths === null
      ? undefined
      : now.minus({ months: policy.keepMonthlyMonths });
  const seenDays = new Set<string>();
  const seenMonths = new Set<string>();
  for (const run of newestFirst) {
    const sealed = DateTime.fromISO(run.sealedAt, { zone: 'utc' });
    const day = sealed.toFormat('yyyy-MM-dd');
    const month = sealed.toFormat('yyyy-MM');
    // Newest first: the first run seen in a day or month is its newest.
    const newestOfDay = !seenDays.has(day);
    const newestOfMonth = !seenMonths.has(month);
    seenDays.add(day);
    seenMonths.add(month);
    if (sealed >= allSince) keep.add(run.runId);
    else if (sealed >= dailySince) {
      if (newestOfDay) keep.add(run.runId);
    } else if (
      newestOfMonth &&
      (monthlySince === undefined || sealed >= monthlySince)
    )
      keep.add(run.runId);
  }
  return keep;
}

/**
 * How many runs a connection syncing every `interval` keeps whole after
 * `horizon` under the policy (for the bench's projection).
 */
export function keptRunCount(
  policy: EvidenceRetentionPolicy,
  interval: Duration,
  horizon: Duration,
  now: DateTime = DateTime.utc().startOf('day'),
): number {
  const runs: RetainedRun[] = [];
  const step = interval.as('milliseconds');
  const start = now.minus(horizon).toMillis();
  for (let at = now.toMillis(); at > start; at -= step) {
    runs.push({
      runId: String(at),
      sealedAt: new Date(at).toISOString(),
    });
  }
  return runsToKeep(runs, policy, now).size;
}
