import { groupCheck, orgCheck } from '../checkBuilders';
import { fail, notApplicable, pass, refs, unknown } from '../helpers';
import type {
  JcDirectoryEvent,
  JcGroup,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { BuiltInCheck } from '../types';

/** The sudo attribute of a user group: admin rights on every device its members reach. */
function groupSudo(
  group: JcGroup,
): { enabled?: unknown; withoutPassword?: unknown } | null {
  const sudo = (group.attributes as { sudo?: unknown } | null | undefined)
    ?.sudo;
  return sudo && typeof sudo === 'object'
    ? (sudo as Record<string, unknown>)
    : null;
}

export const noEmptyGroups = groupCheck({
  meta: {
    id: 'GRP-01',
    title: 'No empty groups that grant privileges',
    severity: 'low',
    description:
      'An empty user or device group is not a finding by itself (a dynamic rule matching nobody yet, a group prepared for a team): it is not applicable. An empty user group that grants sudo (`attributes.sudo.enabled`) fails: the admin rights apply to whoever is added next. What a group grants through associations (apps, policies, devices) is not kept by a sync and not judged.',
    remediation:
      'Delete groups nobody needs, or turn off their sudo attribute until members are added.',
    fields: [
      'usergroups/{id}/members',
      'systemgroups/{id}/members',
      'groups.attributes.sudo',
    ],
    frameworks: refs(['CC6.3'], ['A.5.15'], ['6.8'], ['AC-2']),
  },
  decide(group, ctx) {
    const members = ctx.index.membersByGroup.get(group.id) ?? 0;
    if (members > 0) return pass(`${members} member(s)`, { members });
    const sudo = groupSudo(group);
    if (sudo?.enabled === true)
      return fail(
        `The group has no members but grants ${
          sudo.withoutPassword === true ? 'passwordless ' : ''
        }sudo to whoever is added next`,
        { members, 'attributes.sudo': sudo, type: group.type ?? null },
      );
    return notApplicable('The group has no members and grants no sudo', {
      members,
      membershipMethod: group.membershipMethod ?? null,
    });
  },
});

export const dynamicGroupsHealthy = groupCheck({
  meta: {
    id: 'GRP-02',
    title: 'Dynamic group rules healthy',
    severity: 'low',
    description:
      'Dynamic groups have no membership-query errors, and any exemption from the rule is documented in the group description.',
    remediation:
      "Fix the group's membership query in JumpCloud; explain exemptions in the description or remove them.",
    fields: [
      'groups.membershipMethod',
      'groups.memberQueryErrorFlags',
      'groups.memberQueryExemptions',
      'groups.description',
    ],
    frameworks: refs(['CC6.3'], ['A.5.18'], ['6.8'], ['AC-2']),
  },
  decide(group) {
    const method = group.membershipMethod;
    if (!method) return unknown('The membership method is not reported');
    if (!method.startsWith('DYNAMIC'))
      return notApplicable(`Membership is ${method.toLowerCase()}`);
    const errors = group.memberQueryErrorFlags ?? [];
    const exemptions = group.memberQueryExemptions ?? [];
    const evidence = {
      membershipMethod: method,
      memberQueryErrorFlags: errors,
      exemptions: exemptions.length,
    };
    if (errors.length)
      return fail(`Membership query errors: ${errors.join(', ')}`, evidence);
    if (exemptions.length && !group.description?.trim())
      return fail(`${exemptions.length} undocumented exemption(s)`, evidence);
    return pass('The dynamic membership rule is healthy', evidence);
  },
});

/**
 * Directory Insights event types (documented in the Directory Insights API)
 * that change who administers the org or a device: always privileged.
 */
const PRIVILEGED_EVENTS = new Set([
  'admin_create',
  'admin_update',
  'admin_delete',
  'user_admin_granted', // admin sudo on device(s) granted to a user
  'user_group_admin_grant', // administrator access granted to a group
]);

/** User and group updates are privileged when they change one of these. */
const PRIVILEGED_FIELD = /sudo|admin/i;
const CHANGE_EVENTS = new Set(['user_update', 'group_create', 'group_update']);

/** The fields a change event names: `changes` is an array, sometimes one object. */
function changedFields(event: JcDirectoryEvent): string[] {
  const changes = event.changes;
  const list = Array.isArray(changes) ? changes : [changes];
  return list
    .map(c =>
      c && typeof c === 'object' ? (c as { field?: unknown }).field : undefined,
    )
    .filter((f): f is string => typeof f === 'string');
}

function isPrivilegedChange(event: JcDirectoryEvent): boolean {
  if (PRIVILEGED_EVENTS.has(event.event_type)) return true;
  return (
    CHANGE_EVENTS.has(event.event_type) &&
    changedFields(event).some(f => PRIVILEGED_FIELD.test(f))
  );
}

export const privilegedChangesReviewed = orgCheck({
  family: 'group',
  meta: {
    id: 'GRP-03',
    title: 'Privileged role and group changes reviewed',
    severity: 'low',
    description:
      'Privileged changes in the Directory Insights events a sync reads fail this check until reviewed: administrators created, updated or deleted, admin (sudo) rights granted to a user or a group, and user or group changes (`user_update`, `group_create`, `group_update`) whose `changes` touch sudo or admin settings. A reviewer records the review as an exception (owner, reason, expiry) on this check.',
    remediation:
      'Review each listed change against its approval, then record the review as an exception until the next review.',
    fields: [
      'directoryevents.admin_create',
      'directoryevents.admin_update',
      'directoryevents.admin_delete',
      'directoryevents.user_admin_granted',
      'directoryevents.user_group_admin_grant',
      'directoryevents.user_update.changes',
      'directoryevents.group_create.changes',
      'directoryevents.group_update.changes',
    ],
    frameworks: refs(
      ['CC6.2', 'CC7.2'],
      ['A.5.18', 'A.8.16'],
      ['6.1'],
      ['AC-2(4)'],
    ),
  },
  decide(ctx) {
    const events = ctx.snapshot.directoryEvents;
    if (events.length === 0)
      return unknown('No Directory Insights events were collected');
    const changes = events.filter(isPrivilegedChange);
    const coverage = ctx.index.eventCoverageDays;
    if (changes.length === 0)
      return pass(`No privileged changes in ${coverage ?? 0} days of events`, {
        coverageDays: coverage,
      });
    const byType = new Map<string, number>();
    for (const e of changes)
      byType.set(e.event_type, (byType.get(e.event_type) ?? 0) + 1);
    const summary = [...byType]
      .map(([type, n]) => (n > 1 ? `${type} ×${n}` : type))
      .join(', ');
    return fail(
      `${changes.length} privileged change(s) to review: ${summary}`,
      {
        coverageDays: coverage,
        changes: changes.slice(0, 50).map(e => ({
          id: e.id,
          type: e.event_type,
          at: e.timestamp,
          by: e.initiated_by?.email ?? e.initiated_by?.username ?? null,
          resource: e.resource?.id ?? null,
          fields: changedFields(e),
        })),
      },
    );
  },
});

/** Group family: GRP-01 … GRP-03. */
export const groupChecks: BuiltInCheck[] = [
  noEmptyGroups,
  dynamicGroupsHealthy,
  privilegedChangesReviewed,
];
