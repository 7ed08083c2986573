import {
  SEVERITY_WEIGHTS,
  type CheckResultStatus,
  type Severity,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';

/** Counts per result status, every status present. */
export function emptyStatusCounts(): Record<CheckResultStatus, number> {
  return { pass: 0, fail: 0, unknown: 0, not_applicable: 0, excepted: 0 };
}

/** Counts per severity, every severity present. */
export function emptySeverityCounts(): Record<Severity, number> {
  return { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
}

export interface PostureScore {
  /** 0–100 with one decimal, or null when nothing applicable was evaluated. */
  score: number | null;
  weightedPass: number;
  weightedApplicable: number;
  counts: Record<CheckResultStatus, number>;
}

/**
 * Severity-weighted share of applicable results that pass. Only pass and
 * fail are applicable: unknown (missing or stale data), not applicable and
 * excepted (accepted risk) are counted and shown, never scored.
 */
export function scoreResults(
  results: Iterable<{ status: CheckResultStatus; severity: Severity }>,
): PostureScore {
  const counts = emptyStatusCounts();
  let weightedPass = 0;
  let weightedApplicable = 0;
  for (const { status, severity } of results) {
    counts[status]++;
    if (status === 'pass' || status === 'fail') {
      const weight = SEVERITY_WEIGHTS[severity];
      weightedApplicable += weight;
      if (status === 'pass') weightedPass += weight;
    }
  }
  return {
    score: scoreOf(weightedPass, weightedApplicable),
    weightedPass,
    weightedApplicable,
    counts,
  };
}

/** The score from weighted sums (also used to aggregate connections). */
export function scoreOf(
  weightedPass: number,
  weightedApplicable: number,
): number | null {
  if (weightedApplicable === 0) return null;
  return Math.round((1000 * weightedPass) / weightedApplicable) / 10;
}
