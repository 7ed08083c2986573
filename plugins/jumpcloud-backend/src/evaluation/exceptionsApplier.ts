import type { RiskException } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { CheckResult } from '../checks';

/**
 * Marks results under an active exception as excepted. Exceptions apply to
 * failing results only: a passing entity stays passing.
 */
export function exceptionsApplier(
  exceptions: RiskException[],
): (result: CheckResult) => CheckResult {
  const wholeCheck = new Set(
    exceptions.filter(e => e.entityId === null).map(e => e.checkId),
  );
  const perEntity = new Set(
    exceptions
      .filter(e => e.entityId !== null)
      .map(e => `${e.checkId}\u0000${e.entityId}`),
  );
  return r =>
    r.status === 'fail' &&
    (wholeCheck.has(r.checkId) ||
      perEntity.has(`${r.checkId}\u0000${r.entityId}`))
      ? { ...r, status: 'excepted' }
      : r;
}
