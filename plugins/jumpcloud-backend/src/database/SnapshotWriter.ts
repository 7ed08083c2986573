import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { Knex } from 'knex';
import { adminRow, deviceRow, userRow } from './snapshotRows';

/** Every table holding per-run snapshot rows. */
export const SNAPSHOT_TABLES = [
  'jc_devices',
  'jc_users',
  'jc_groups',
  'jc_group_members',
  'jc_bindings',
  'jc_policies',
  'jc_policy_results',
  'jc_insights',
  'jc_admins',
  'jc_org_objects',
] as const;

export type StoreProgress = (
  table: string,
  rowsWritten: number,
) => Promise<void>;

/**
 * Writes one run's snapshot into the normalised tables in batches. Each batch
 * is its own statement (no long transaction blocking SQLite readers): rows are
 * keyed by run, and nothing reads a run before it becomes the connection's
 * latest complete run.
 */
export class SnapshotWriter {
  constructor(
    private readonly knex: Knex,
    private readonly batchSize: number = 500,
  ) {}

  async write(
    runId: string,
    connectionId: string,
    snapshot: OrgSnapshot,
    onProgress: StoreProgress = async () => {},
  ): Promise<number> {
    const adminEmails = new Set(
      snapshot.admins
        .map(a => a.email?.toLowerCase())
        .filter((e): e is string => Boolean(e)),
    );
    let total = 0;
    const put = async (
      table: string,
      rows: Iterable<Record<string, unknown>>,
    ) => {
      let batch: Record<string, unknown>[] = [];
      let written = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        await this.knex(table).insert(batch);
        written += batch.length;
        total += batch.length;
        batch = [];
        await onProgress(table, written);
      };
      for (const row of rows) {
        batch.push(row);
        if (batch.length >= this.batchSize) await flush();
      }
      await flush();
    };

    await put(
      'jc_devices',
      dedupe(snapshot.systems, s => s._id).map(s =>
        deviceRow(runId, connectionId, s),
      ),
    );
    await put(
      'jc_users',
      dedupe(snapshot.users, u => u._id).map(u =>
        userRow(runId, connectionId, u, adminEmails),
      ),
    );
    await put('jc_groups', [
      ...dedupe(snapshot.userGroups, g => g.id).map(g =>
        groupRow(runId, connectionId, 'user_group', g),
      ),
      ...dedupe(snapshot.systemGroups, g => g.id).map(g =>
        groupRow(runId, connectionId, 'system_group', g),
      ),
    ]);
    await put('jc_group_members', [
      ...snapshot.userGroupMembers.map(m => memberRow(runId, 'user_group', m)),
      ...snapshot.systemGroupMembers.map(m =>
        memberRow(runId, 'system_group', m),
      ),
    ]);
    await put(
      'jc_bindings',
      snapshot.userSystemBindings.map(b => ({
        run_id: runId,
        user_id: b.userId,
        system_id: b.systemId,
        via_group: b.viaGroup,
        sudo_enabled: b.sudo?.enabled ?? null,
        sudo_without_password: b.sudo?.withoutPassword ?? null,
      })),
    );
    await put(
      'jc_policies',
      dedupe(snapshot.policies, p => p.id).map(p => ({
        run_id: runId,
        id: p.id,
        name: p.name ?? p.id,
        template_name: p.template?.name ?? null,
        os_family: p.template?.osMetaFamily ?? null,
        raw: JSON.stringify(p),
      })),
    );
    await put(
      'jc_policy_results',
      snapshot.policyStatuses.map(r => ({
        run_id: runId,
        policy_id: r.policyID,
        system_id: r.systemID,
        success: typeof r.success === 'boolean' ? r.success : null,
        ended_at: r.endedAt ?? null,
        raw: JSON.stringify(r),
      })),
    );
    await put('jc_insights', insightRows(runId, snapshot));
    await put(
      'jc_admins',
      dedupe(snapshot.admins, a => a._id).map(a => adminRow(runId, a)),
    );
    await put('jc_org_objects', orgObjectRows(runId, snapshot));
    return total;
  }

  /** Removes one run's rows (a failed or partial run, or a superseded one). */
  async deleteRun(runId: string): Promise<void> {
    for (const table of SNAPSHOT_TABLES) {
      await this.knex(table).where({ run_id: runId }).delete();
    }
  }

  /** Run ids that still have rows for a connection (devices/users/groups carry it). */
  async storedRunIds(connectionId: string): Promise<string[]> {
    const ids = new Set<string>();
    for (const table of ['jc_devices', 'jc_users', 'jc_groups']) {
      const rows = await this.knex(table)
        .distinct('run_id')
        .where({ connection_id: connectionId });
      rows.forEach(r => ids.add(r.run_id));
    }
    return [...ids];
  }
}

function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) seen.set(key(item), item);
  return [...seen.values()];
}

function groupRow(
  runId: string,
  connectionId: string,
  type: 'user_group' | 'system_group',
  group: { id: string; name?: string },
) {
  return {
    run_id: runId,
    connection_id: connectionId,
    id: group.id,
    type,
    name: group.name ?? group.id,
    raw: JSON.stringify(group),
  };
}

function memberRow(
  runId: string,
  groupType: 'user_group' | 'system_group',
  member: { groupId: string; memberId: string; memberType: string },
) {
  return {
    run_id: runId,
    group_type: groupType,
    group_id: member.groupId,
    member_id: member.memberId,
    member_type: member.memberType,
  };
}

function* insightRows(runId: string, snapshot: OrgSnapshot) {
  for (const [tableName, rows] of Object.entries(snapshot.systemInsights)) {
    for (const row of rows ?? []) {
      yield {
        run_id: runId,
        table_name: tableName,
        system_id: row.system_id,
        raw: JSON.stringify(row),
      };
    }
  }
}

function* orgObjectRows(runId: string, snapshot: OrgSnapshot) {
  const row = (type: string, id: string, value: unknown) => ({
    run_id: runId,
    type,
    id,
    raw: JSON.stringify(value),
  });
  if (snapshot.organization) {
    yield row('organization', snapshot.organization._id, snapshot.organization);
  }
  for (const app of snapshot.applications)
    yield row('applications', app._id ?? app.id ?? '', app);
  for (const policy of snapshot.authnPolicies)
    yield row('authnPolicies', policy.id, policy);
  for (const mdm of snapshot.appleMdms) yield row('appleMdms', mdm.id, mdm);
  for (const event of snapshot.directoryEvents)
    yield row('directoryEvents', event.id, event);
}
