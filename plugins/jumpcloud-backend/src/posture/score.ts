import {
  SEVERITY_WEIGHTS,
  type CheckResultStatus,
  type Severity,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';

/** Counts per result status, every status present. */
export function emptyStatusCounts(): Record<CheckResultStatus, number> {
  return { pass: 0, fail: 0, unknown: 0, not_applicable: 0, excepted: 0 };
}

export interface PostureScore {
  /** 0–100 with one decimal, or null when nothing applicable was evaluated. */
  score: number | null;
  weightedPass: number;
  weightedApplicable: number;
  counts: Record<CheckResultStatus, number>;
}

/**
 * Severity-weighted share of applicable results that pass, counted one
 * result at a time. Only pass and fail are applicable: unknown (missing or
 * stale data), not applicable and excepted (accepted risk) are counted and
 * shown, never scored.
 */
export class ScoreTally {
  readonly counts = emptyStatusCounts();
  weightedPass = 0;
  weightedApplicable = 0;

  add({ status, severity }: { status: CheckResultStatus; severity: Severity }) {
    this.counts[status]++;
    if (status === 'pass' || status === 'fail') {
      const weight = SEVERITY_WEIGHTS[severity];
      this.weightedApplicable += weight;
      if (status === 'pass') this.weightedPass += weight;
    }
  }

  /** Adds another tally's counts (one check's, say) to this one. */
  merge(other: ScoreTally) {
    for (const status of Object.keys(this.counts) as CheckResultStatus[])
      this.counts[status] += other.counts[status];
    this.weightedPass += other.weightedPass;
    this.weightedApplicable += other.weightedApplicable;
  }

  score(): PostureScore {
    return {
      score: scoreOf(this.weightedPass, this.weightedApplicable),
      weightedPass: this.weightedPass,
      weightedApplicable: this.weightedApplicable,
      counts: { ...this.counts },
    };
  }
}

/** The score of some results (see ScoreTally). */
export function scoreResults(
  results: Iterable<{ status: CheckResultStatus; severity: Severity }>,
): PostureScore {
  const tally = new ScoreTally();
  for (const result of results) tally.add(result);
  return tally.score();
}

/** The score from weighted sums (also used to aggregate connections). */
export function scoreOf(
  weightedPass: number,
  weightedApplicable: number,
): number | null {
  if (weightedApplicable === 0) return null;
  return Math.round((1000 * weightedPass) / weightedApplicable) / 10;
}
