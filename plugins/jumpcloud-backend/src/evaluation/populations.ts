import type { RiskException } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { CheckResult } from '../checks';
import type { PopulationName } from '../evidence/manifest';
import { canonicalJson } from '../evidence/canonical';
import { CanonicalText, type PopulationRows } from '../evidence/packStream';

/** A result's fields as sealed, in canonical (sorted) order. */
const RESULT_FIELDS = [
  'checkId',
  'entityId',
  'entityKind',
  'entityName',
  'evidence',
  'message',
  'severity',
  'status',
] as const;

/**
 * A result as an auditor samples it, written straight to canonical JSON;
 * evidence of passing results is left out (large, proves nothing). The
 * same text as `canonicalJson` of the row as an object, without building
 * the object and ordering its keys: hundreds of thousands per seal.
 */
export function resultText(result: CheckResult): CanonicalText {
  let text = '';
  for (const field of RESULT_FIELDS) {
    if (field === 'evidence' && result.status === 'pass') continue;
    const value = result[field];
    const json =
      typeof value === 'string' ? JSON.stringify(value) : canonicalJson(value);
    if (json === undefined) continue;
    text += `${text ? ',' : '{'}"${field}":${json}`;
  }
  return new CanonicalText(text ? `${text}}` : '{}');
}

async function* resultRows(results: AsyncIterable<CheckResult>) {
  for await (const result of results) yield resultText(result);
}

/**
 * The populations an auditor samples, as of one sealed run: raw JumpCloud
 * objects for devices, users, admins and groups (with their direct
 * members), every check result, and the findings and exceptions. Rows are
 * produced lazily (results mapped one at a time, findings paged by the
 * caller) so that packing never holds a second copy of a population.
 */
export function buildPopulations(
  snapshot: Omit<OrgSnapshot, 'systems' | 'users'> & {
    /** Read once, as packed: from memory or paged from the store. */
    systems: PopulationRows;
    users: PopulationRows;
  },
  results: AsyncIterable<CheckResult>,
  findings: PopulationRows,
  exceptions: RiskException[],
): Record<PopulationName, PopulationRows> {
  const members = new Map<string, string[]>();
  for (const list of [snapshot.userGroupMembers, snapshot.systemGroupMembers])
    for (const m of list) {
      const refs = members.get(m.groupId);
      const ref = `${m.memberType}:${m.memberId}`;
      if (refs) refs.push(ref);
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
    results: resultRows(results),
    findings,
    exceptions,
  };
}
