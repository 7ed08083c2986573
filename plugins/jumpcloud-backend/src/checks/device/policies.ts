import type { JcPolicyResult } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { deviceCheck } from '../checkBuilders';
import {
  daysSince,
  fail,
  notApplicable,
  osFamilyOf,
  pass,
  refs,
} from '../helpers';
import { policyLabel, policySucceeded } from '../policies';

export const baselinePoliciesBound = deviceCheck({
  fresh: false,
  meta: {
    id: 'DEV-19',
    title: 'Baseline policies bound',
    severity: 'medium',
    description:
      'Every policy the OS baseline requires (jumpcloud.checks.requiredPolicies, matched by template name) applies to the device, directly or through a device group.',
    remediation:
      'Bind the missing JumpCloud policies to the device or to a device group it belongs to.',
    fields: [
      'policies.template.name',
      'policystatuses.systemID',
      'systems.isPolicyBound',
    ],
    frameworks: refs(['CC6.1', 'CC7.1'], ['A.8.9'], ['4.1'], ['CM-2', 'CM-6']),
  },
  decide(system, ctx) {
    const required = ctx.thresholds.requiredPolicies[osFamilyOf(system)];
    if (!required || required.length === 0)
      return notApplicable(
        `No baseline policies are required for ${system.os ?? 'this OS'}`,
      );
    const labels = (ctx.index.policyStatusesBySystem.get(system._id) ?? []).map(
      s => policyLabel(ctx, s),
    );
    const missing = required.filter(
      r => !labels.some(l => l.includes(r.toLowerCase())),
    );
    const evidence = {
      required,
      bound: labels,
      isPolicyBound: system.isPolicyBound ?? null,
    };
    return missing.length === 0
      ? pass('Every baseline policy is bound', evidence)
      : fail(`Missing baseline policies: ${missing.join(', ')}`, {
          ...evidence,
          missing,
        });
  },
});

export const policiesSucceeding = deviceCheck({
  meta: {
    id: 'DEV-20',
    title: 'Bound policies succeeding',
    severity: 'medium',
    description:
      'Every policy bound to the device last applied successfully; a policy pending longer than jumpcloud.checks.policyPendingDays fails.',
    remediation:
      'Open the policy result in JumpCloud, fix the cause (OS version, missing service account, conflict) and re-apply.',
    fields: [
      'policystatuses.success',
      'policystatuses.state',
      'policystatuses.startedAt',
      'systems.policyStats',
    ],
    frameworks: refs(['CC7.1'], ['A.8.9'], ['4.1'], ['CM-6', 'CA-7']),
  },
  decide(system, ctx) {
    const statuses = ctx.index.policyStatusesBySystem.get(system._id) ?? [];
    if (statuses.length === 0) {
      const stats = system.policyStats;
      if (!stats || !stats.total)
        return notApplicable('No policy is bound to the device');
      if ((stats.failed ?? 0) > 0)
        return fail(`${stats.failed} policies failed`, { policyStats: stats });
      return pass('Policy statistics show no failure', { policyStats: stats });
    }
    // The PolicyResult schema names the states "Success, failed, or pending".
    const isPending = (s: JcPolicyResult) =>
      String(s.state ?? '').toLowerCase() === 'pending';
    const failed = statuses.filter(s => !policySucceeded(s) && !isPending(s));
    const stuck = statuses.filter(
      s =>
        isPending(s) &&
        (daysSince(s.startedAt, ctx.at) ?? 0) >
          ctx.thresholds.policyPendingDays,
    );
    const evidence = {
      failed: failed.map(s => s.policyID),
      pendingTooLong: stuck.map(s => s.policyID),
      total: statuses.length,
    };
    if (failed.length || stuck.length)
      return fail(
        `${failed.length} failed and ${stuck.length} long-pending policies`,
        evidence,
      );
    return pass(
      `All ${statuses.length} bound policies succeeded or are recently pending`,
      evidence,
    );
  },
});
