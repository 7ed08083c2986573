import type {
  JcPolicyResult,
  JcSystemInsightsRow,
  OrgSnapshot,
  RowSinks,
  SnapshotDataType,
  UserSystemBinding,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { Knex } from 'knex';
import { adminRow, deviceRow, userRow } from './snapshotRows';
import { keepRowsFrom } from './supplementaryRows';

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
  'jc_run_results',
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
    const adminEmails = emailsOf(snapshot.admins);
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
      unique(
        snapshot.systems,
        s => s._id,
        s => deviceRow(runId, connectionId, s),
      ),
    );
    await put(
      'jc_users',
      unique(
        snapshot.users,
        u => u._id,
        u => userRow(runId, connectionId, u, adminEmails),
      ),
    );
    await put(
      'jc_groups',
      unique(
        snapshot.userGroups,
        g => g.id,
        g => groupRow(runId, connectionId, 'user_group', g),
      ),
    );
    await put(
      'jc_groups',
      unique(
        snapshot.systemGroups,
        g => g.id,
        g => groupRow(runId, connectionId, 'system_group', g),
      ),
    );
    await put(
      'jc_group_members',
      lazy(snapshot.userGroupMembers, m => memberRow(runId, 'user_group', m)),
    );
    await put(
      'jc_group_members',
      lazy(snapshot.systemGroupMembers, m =>
        memberRow(runId, 'system_group', m),
      ),
    );
    await put(
      'jc_bindings',
      lazy(snapshot.userSystemBindings, b => bindingRow(runId, b)),
    );
    await put(
      'jc_policies',
      unique(
        snapshot.policies,
        p => p.id,
        p => ({
          run_id: runId,
          id: p.id,
          name: p.name ?? p.id,
          template_name: p.template?.name ?? null,
          os_family: p.template?.osMetaFamily ?? null,
          raw: JSON.stringify(p),
        }),
      ),
    );
    await put(
      'jc_policy_results',
      lazy(snapshot.policyStatuses, r => policyResultRow(runId, r)),
    );
    await put('jc_insights', insightRows(runId, snapshot));
    await put(
      'jc_admins',
      unique(
        snapshot.admins,
        a => a._id,
        a => adminRow(runId, a),
      ),
    );
    await put('jc_org_objects', orgObjectRows(runId, snapshot));
    await this.#markAdmins(runId, adminEmails);
    await this.#storeCounts(runId);
    return total;
  }

  /**
   * The counts the asset lists sort by, stored once every row of the run is
   * in (bindings arrive while fetching, after or among the users):
   * `device_count`, the user's bindings in the run, never changes after;
   * on SQLite `failing_checks`, the entity's open findings, is kept by
   * triggers on jc_findings from now on (migration 20261201_1_stored_counts).
   * Nothing seals findings of this connection while its run is being stored.
   */
  async #storeCounts(runId: string) {
    const pg = this.knex.client.dialect === 'postgresql';
    const failing = (table: string) =>
      `failing_checks = (SELECT count(*) FROM jc_findings f WHERE f.connection_id = ${table}.connection_id AND f.entity_id = ${table}.id AND f.status = 'open')`;
    await this.knex.raw(
      `UPDATE jc_users SET device_count = (SELECT count(*) FROM jc_bindings b WHERE b.run_id = jc_users.run_id AND b.user_id = jc_users.id)${
        pg ? '' : `, ${failing('jc_users')}`
      } WHERE run_id = ?`,
      [runId],
    );
    if (!pg)
      await this.knex.raw(
        `UPDATE jc_devices SET ${failing('jc_devices')} WHERE run_id = ?`,
        [runId],
      );
  }

  /**
   * Users stored while fetching could not be matched with the console
   * admins yet (read at the same time): flags them once both are in.
   */
  async #markAdmins(runId: string, adminEmails: Set<string>) {
    const emails = [...adminEmails];
    for (let i = 0; i < emails.length; i += this.batchSize) {
      const batch = emails.slice(i, i + this.batchSize);
      await this.knex('jc_users')
        .where('run_id', runId)
        .whereRaw(`lower(email) in (${batch.map(() => '?').join(', ')})`, batch)
        .update({ is_admin: true });
    }
  }

  /**
   * Sinks that store a run's bulk rows (devices, users, System Insights,
   * policy statuses, bindings) page by page while it is still being
   * fetched, so they are never held whole in memory. Nothing reads a run's rows before it is
   * complete; a failed or partial run's are deleted.
   */
  rowSinks(runId: string, connectionId: string): Required<RowSinks> {
    const noAdmins = new Set<string>();
    return {
      systems: rows =>
        this.insertRows(
          'jc_devices',
          rows.map(row => deviceRow(runId, connectionId, row)),
        ),
      users: rows =>
        this.insertRows(
          'jc_users',
          rows.map(row => userRow(runId, connectionId, row, noAdmins)),
        ),
      systemInsights: (table, rows) =>
        this.insertRows(
          'jc_insights',
          rows.map(row => insightRow(runId, table, row)),
        ),
      policyStatuses: rows =>
        this.insertRows(
          'jc_policy_results',
          rows.map(row => policyResultRow(runId, row)),
        ),
      userSystemBindings: rows =>
        this.insertRows(
          'jc_bindings',
          rows.map(row => bindingRow(runId, row)),
        ),
    };
  }

  /** Inserts rows in batches, each its own statement. */
  async insertRows(
    table: string,
    rows: Record<string, unknown>[],
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += this.batchSize) {
      await this.knex(table).insert(rows.slice(i, i + this.batchSize));
    }
  }

  /** See keepRowsFrom: a type's rows of an earlier run, kept by a run that could not read it. */
  keepRowsFrom(
    type: SnapshotDataType,
    toRunId: string,
    fromRunId: string | null,
  ): Promise<number> {
    return keepRowsFrom(this.knex, type, toRunId, fromRunId);
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

/**
 * Rows are built as they are inserted, one batch at a time, so a large
 * organisation never holds a second copy of its snapshot as rows.
 */
function* lazy<T, R>(items: T[], toRow: (item: T) => R): Generator<R> {
  for (const item of items) yield toRow(item);
}

/** Like lazy, skipping repeated ids (a page boundary can repeat an object). */
function* unique<T, R>(
  items: T[],
  key: (item: T) => string,
  toRow: (item: T) => R,
): Generator<R> {
  const seen = new Set<string>();
  for (const item of items) {
    const id = key(item);
    if (seen.has(id)) continue;
    seen.add(id);
    yield toRow(item);
  }
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

function emailsOf(admins: OrgSnapshot['admins']): Set<string> {
  return new Set(
    admins
      .map(a => a.email?.toLowerCase())
      .filter((e): e is string => Boolean(e)),
  );
}

function bindingRow(runId: string, binding: UserSystemBinding) {
  return {
    run_id: runId,
    user_id: binding.userId,
    system_id: binding.systemId,
    via_group: binding.viaGroup,
    via_group_ids: binding.viaGroupIds?.length
      ? JSON.stringify(binding.viaGroupIds)
      : null,
    sudo_enabled: binding.sudo?.enabled ?? null,
    sudo_without_password: binding.sudo?.withoutPassword ?? null,
  };
}

function policyResultRow(runId: string, result: JcPolicyResult) {
  return {
    run_id: runId,
    policy_id: result.policyID,
    system_id: result.systemID,
    success: typeof result.success === 'boolean' ? result.success : null,
    ended_at: result.endedAt ?? null,
    raw: JSON.stringify(result),
  };
}

function insightRow(runId: string, table: string, row: JcSystemInsightsRow) {
  return {
    run_id: runId,
    table_name: table,
    system_id: row.system_id,
    raw: JSON.stringify(row),
  };
}

function* insightRows(runId: string, snapshot: OrgSnapshot) {
  for (const [tableName, rows] of Object.entries(snapshot.systemInsights)) {
    for (const row of rows ?? []) yield insightRow(runId, tableName, row);
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
