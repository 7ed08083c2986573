import type {
  Finding,
  RiskException,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { CheckResult } from '../checks';
import type { PopulationName } from '../evidence/manifest';

/**
 * The populations an auditor samples, as of one sealed run: raw JumpCloud
 * objects for devices, users, admins and groups (with their direct
 * members), every check result, and the findings and exceptions.
 */
export function buildPopulations(
  snapshot: OrgSnapshot,
  results: CheckResult[],
  findings: Finding[],
  exceptions: RiskException[],
): Record<PopulationName, unknown[]> {
  const members = new Map<string, string[]>();
  for (const m of [
    ...snapshot.userGroupMembers,
    ...snapshot.systemGroupMembers,
  ]) {
    const list = members.get(m.groupId);
    const ref = `${m.memberType}:${m.memberId}`;
    if (list) list.push(ref);
    else members.set(m.groupId, [ref]);
  }
  const group = (kind: string) => (g: OrgSnapshot['userGroups'][number]) => ({
    ...g,
    groupKind: kind,
    members: (members.get(g.id) ?? []).sort(),
  });
  return {
    devices: snapshot.systems,
    users: snapshot.users,
    admins: snapshot.admins,
    groups: [
      ...snapshot.userGroups.map(group('user_group')),
      ...snapshot.systemGroups.map(group('system_group')),
    ],
    // Evidence of passing results is left out: it is large and proves nothing an auditor samples.
    results: results.map(r => ({
      checkId: r.checkId,
      severity: r.severity,
      entityKind: r.entityKind,
      entityId: r.entityId,
      entityName: r.entityName,
      status: r.status,
      message: r.message,
      ...(r.status === 'pass' ? {} : { evidence: r.evidence }),
    })),
    findings,
    exceptions,
  };
}
