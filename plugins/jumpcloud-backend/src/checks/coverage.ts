import {
  dataTypeLabel,
  type RunCoverage,
  type UnevaluatedCheck,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { dataTypesReadBy } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { RegisteredCheck } from './registry';

/** Why a data type a check reads is missing from a run, in words. */
export function missingReason(dataType: string, coverage: RunCoverage): string {
  const label = dataTypeLabel(dataType);
  const entry = coverage[dataType];
  switch (entry?.state) {
    case 'not_in_plan':
      return `${label} is not included in this organisation's plan`;
    case 'not_permitted':
      return `The credential's role is not permitted to read ${label}`;
    case 'failed':
      return `${label} could not be read in this sync${
        entry.error?.message ? `: ${entry.error.message}` : ''
      }`;
    default:
      return `${label} was not read in this sync`;
  }
}

/**
 * Splits checks into those a run can evaluate (every data type they read
 * is complete) and those it cannot, with the reason. A run without
 * coverage (older callers) read everything.
 */
export function partitionByCoverage<T extends RegisteredCheck>(
  checks: T[],
  coverage: RunCoverage | undefined,
): { runnable: T[]; unevaluated: UnevaluatedCheck[] } {
  if (!coverage) return { runnable: checks, unevaluated: [] };
  const runnable: T[] = [];
  const unevaluated: UnevaluatedCheck[] = [];
  for (const check of checks) {
    const missing = dataTypesReadBy(check).filter(
      type => coverage[type] && coverage[type].state !== 'complete',
    );
    if (missing.length === 0) {
      runnable.push(check);
      continue;
    }
    unevaluated.push({
      checkId: check.id,
      missing,
      reason: missing.map(type => missingReason(type, coverage)).join('; '),
    });
  }
  return { runnable, unevaluated };
}
