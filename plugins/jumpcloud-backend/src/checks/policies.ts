import type {
  JcPolicyResult,
  JcSystem,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { BuiltInCheckContext } from './types';

/** Name a policy is known by: template name, display name and its own name. */
export function policyLabel(
  ctx: BuiltInCheckContext,
  status: JcPolicyResult,
): string {
  const policy = ctx.index.policiesById.get(status.policyID);
  return [policy?.template?.name, policy?.template?.displayName, policy?.name]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
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

/** True when the policy's latest run succeeded. */
export function policySucceeded(status: JcPolicyResult): boolean {
  return status.success === true || status.state === 'success';
}
