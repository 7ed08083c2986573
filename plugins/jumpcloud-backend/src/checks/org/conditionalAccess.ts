import type { JcAuthnPolicy } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { orgCheck } from '../checkBuilders';
import { fail, pass, refs } from '../helpers';
import type { BuiltInCheckContext } from '../types';

/** The resources ORG-07 is about: the User Portal and SSO applications. */
const GUARDED = ['user_portal', 'application'] as const;

/** v2 AuthnPolicyTargets, as far as ORG-07 reads them. */
interface PolicyTargets {
  resources?: Array<{ type?: string; id?: string }>;
  userGroups?: { inclusions?: string[]; exclusions?: string[] } | null;
  users?: { inclusions?: string[] } | null;
  excludedApplications?: string[];
}

const mfaRequired = (p: JcAuthnPolicy) =>
  p.effect?.obligations?.mfa?.required === true;

const targetsOf = (p: JcAuthnPolicy): PolicyTargets =>
  (p.targets ?? {}) as PolicyTargets;

/**
 * What keeps a policy from reaching every user on every resource of its
 * type, in words (empty: it reaches everyone). Like resources, whose
 * targets without an `id` mean "all of that type", a policy naming no
 * user or group reaches all users; naming groups, it must name "All Users".
 */
function limitsOf(p: JcAuthnPolicy, allUsersId?: string): string[] {
  const targets = targetsOf(p);
  const groups = targets.userGroups?.inclusions ?? [];
  const users = targets.users?.inclusions ?? [];
  const limits: string[] = [];
  const everyone = allUsersId && groups.includes(allUsersId);
  if ((groups.length || users.length) && !everyone)
    limits.push(
      `only ${groups.length} group(s) and ${users.length} user(s), not All Users`,
    );
  const ofType = (targets.resources ?? []).filter(r => r.type === p.type);
  if (ofType.length && ofType.every(r => r.id))
    limits.push(`only ${ofType.length} selected ${p.type} resource(s)`);
  return limits;
}

/** The id of the "All Users" user group every organisation has. */
function allUsersGroupId(ctx: BuiltInCheckContext): string | undefined {
  return ctx.snapshot.userGroups.find(g => g.name.toLowerCase() === 'all users')
    ?.id;
}

export const conditionalAccessMfa = orgCheck({
  meta: {
    id: 'ORG-07',
    title: 'Conditional access enforces MFA',
    severity: 'high',
    description:
      'Enabled (not monitor-only) conditional access policies require MFA for all users (the "All Users" group, or no user scoping) on the User Portal and on every SSO application, and no enabled unconditional "allow without MFA" User Portal or application policy bypasses them. Exclusions (groups, applications) are listed in the evidence.',
    remediation:
      'Create conditional access policies that require MFA for All Users on the User Portal and on all SSO apps; narrow or remove broad allow policies.',
    fields: [
      'authn/policies.disabled',
      'authn/policies.monitorOnly',
      'authn/policies.type',
      'authn/policies.effect',
      'authn/policies.targets',
      'authn/policies.conditions',
      'usergroups.name',
    ],
    frameworks: refs(
      ['CC6.1', 'CC6.6'],
      ['A.5.15', 'A.8.5'],
      ['6.3', '6.7'],
      ['AC-3', 'IA-2'],
    ),
  },
  decide(ctx) {
    const everyone = allUsersGroupId(ctx);
    const enabled = ctx.snapshot.authnPolicies.filter(
      p => p.disabled !== true && p.monitorOnly !== true,
    );
    const allowsWithMfa = (p: JcAuthnPolicy) =>
      p.effect?.action === 'allow' && mfaRequired(p);
    const covers = (type: string) =>
      enabled.some(
        p =>
          p.type === type &&
          allowsWithMfa(p) &&
          limitsOf(p, everyone).length === 0,
      );
    const bypass = enabled.filter(
      p =>
        (GUARDED as readonly string[]).includes(p.type ?? '') &&
        p.effect?.action === 'allow' &&
        !mfaRequired(p) &&
        (!p.conditions || Object.keys(p.conditions).length === 0),
    );
    const evidence = {
      enabledPolicies: enabled.map(p => ({
        name: p.name ?? p.id,
        type: p.type ?? null,
        mfa: mfaRequired(p),
        limits: limitsOf(p, everyone),
        excludedGroups: targetsOf(p).userGroups?.exclusions ?? [],
        excludedApplications: targetsOf(p).excludedApplications ?? [],
      })),
    };
    const missing = GUARDED.filter(t => !covers(t));
    if (missing.length)
      return fail(
        `No enabled policy requires MFA for all users on: ${missing.join(
          ', ',
        )}`,
        evidence,
      );
    if (bypass.length)
      return fail(
        `Unconditional allow-without-MFA policies: ${bypass
          .map(p => p.name ?? p.id)
          .join(', ')}`,
        evidence,
      );
    return pass(
      'MFA is enforced for all users on the User Portal and SSO apps',
      evidence,
    );
  },
});
