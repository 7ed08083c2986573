import type {
  JcPolicyResult,
  JcSystem,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { BuiltInCheckContext } from './types';

/** Name a policy is known by: template name, display name and its own name. */
const labelCache = new WeakMap<object, Map<string, string>>();

export function policyLabel(
  ctx: BuiltInCheckContext,
  status: JcPolicyResult,
): string {
  let labels = labelCache.get(ctx.index);
  if (!labels) {
    labels = new Map();
    labelCache.set(ctx.index, labels);
  }
  let label = labels.get(status.policyID);
  if (label === undefined) {
    const policy = ctx.index.policiesById.get(status.policyID);
    label = [
      policy?.template?.name,
      policy?.template?.displayName,
      policy?.name,
    ]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    labels.set(status.policyID, label);
  }
  return label;
}

/** Latest statuses of the policies bound to a device whose label matches. */
export function boundPolicies(
  system: JcSystem,
  ctx: BuiltInCheckContext,
  pattern: RegExp,
): JcPolicyResult[] {
  return (ctx.index.policyStatusesBySystem.get(system._id) ?? []).filter(s =>
    pattern.test(policyLabel(ctx, s)),
  );
}

/**
 * True when the policy's latest run succeeded. The schema documents `state`
 * as "Success, failed, or pending", so its case is not to be relied on.
 */
export function policySucceeded(status: JcPolicyResult): boolean {
  return (
    status.success === true ||
    (typeof status.state === 'string' &&
      status.state.toLowerCase() === 'success')
  );
}
