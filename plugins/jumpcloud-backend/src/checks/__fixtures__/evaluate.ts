import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { healthySnapshot, NOW } from './snapshot';
import { builtInChecks } from '../registry';
import { runChecks, type CheckResult } from '../runner';
import { defaultCheckThresholds, type CheckThresholds } from '../thresholds';

/** Runs one check over the healthy snapshot changed by `mutate`. */
export function evaluateCheck(
  checkId: string,
  mutate: (s: OrgSnapshot) => void = () => {},
  options: { thresholds?: Partial<CheckThresholds>; entity?: string } = {},
): CheckResult {
  const snapshot = healthySnapshot();
  mutate(snapshot);
  const { results, errors } = runChecks({
    snapshot,
    connectionId: 'c1',
    orgId: 'org1',
    now: NOW,
    thresholds: { ...defaultCheckThresholds, ...options.thresholds },
    checks: builtInChecks.filter(check => check.id === checkId),
  });
  if (errors.length) throw new Error(errors[0].message);
  const result = options.entity
    ? results.find(r => r.entityId === options.entity)
    : results[0];
  if (!result) throw new Error(`${checkId} returned no result`);
  return result;
}
