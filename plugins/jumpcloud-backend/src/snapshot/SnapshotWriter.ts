import type { RunCoverage } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  SNAPSHOT_DATA_TYPES,
  type OrgSnapshot,
  type RowSinks,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { Knex } from 'knex';
import { analyzeFirstRunRows } from '../database/plannerStatistics';
import { canKeepRows, DATA_TYPE_ROWS } from './dataTypeRows';
import { RunDelta } from './RunDelta';
import type { RunView } from './runView';
import {
  adminRow,
  bindingRow,
  deviceRow,
  groupRow,
  insightRow,
  insightRows,
  lazy,
  memberRow,
  orgObjectRows,
  policyResultRow,
  unique,
  userRow,
} from './snapshotRows';

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

/** Batches of the rows `write` stores that are committed together. */
const BATCHES_PER_COMMIT = 10;

export type StoreProgress = (
  table: string,
  rowsWritten: number,
) => Promise<void>;

/**
 * Writes one run's snapshot into the normalised tables in batches, as what
 * changed against the connection's applied rows (see RunDelta). Rows are
 * committed a few batches at a time (RunDelta.insert), never in one long
 * transaction holding SQLite's single writer: nothing reads a run's rows
 * before it is applied.
 */
export class SnapshotWriter {
  constructor(
    private readonly knex: Knex,
    private readonly batchSize: number = 500,
  ) {}

  /** The store of one run's rows against its base. */
  delta(view: RunView): RunDelta {
    return new RunDelta(this.knex, view, this.batchSize);
  }

  /** Stores the parts of a snapshot not streamed while fetching; returns rows written. */
  async write(
    delta: RunDelta,
    connectionId: string,
    snapshot: OrgSnapshot,
    onProgress: StoreProgress = async () => {},
  ): Promise<number> {
    const runId = delta.view.runId;
    let total = 0;
    const put = async (
      table: string,
      rows: Iterable<Record<string, unknown>>,
    ) => {
      let batch: Record<string, unknown>[] = [];
      let written = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        const stored = await delta.insert(table, batch);
        written += stored;
        total += stored;
        batch = [];
        await onProgress(table, written);
      };
      for (const row of rows) {
        batch.push(row);
        if (batch.length >= this.batchSize * BATCHES_PER_COMMIT) await flush();
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
        u => userRow(runId, connectionId, u),
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
    return total;
  }

  /**
   * Once every row of the run is stored: per data type, the base rows the
   * run no longer has are marked superseded; a supplementary type the run
   * could not read completely keeps the base's rows (its last complete
   * value) and drops what the run read of it, so nothing of a partly read
   * type is mixed in.
   */
  async closeRun(delta: RunDelta, coverage: RunCoverage): Promise<void> {
    for (const type of SNAPSHOT_DATA_TYPES) {
      const rows = DATA_TYPE_ROWS[type];
      if ((coverage[type]?.state ?? 'complete') === 'complete') {
        await delta.supersedeUnseen(rows.table, rows.where);
        continue;
      }
      await this.knex(rows.table)
        .where({ run_id: delta.view.runId, ...rows.where })
        .delete();
      if (!canKeepRows(type))
        await delta.supersedeAll(rows.table, rows.where ?? {});
    }
    // The run's results are compared next: the rows' hashes are not needed.
    delta.forget();
    await analyzeFirstRunRows(
      this.knex,
      delta.view,
      SNAPSHOT_TABLES.filter(table => table !== 'jc_run_results'),
    );
  }

  /**
   * Makes a stored run the connection's applied rows, inside the caller's
   * transaction (with the pointer readers follow): the base's superseded
   * rows go, the run's own take the base's label (or keep theirs, for a
   * first run), and the counts derived across tables are brought up to
   * date where they changed. Returns the label.
   */
  async apply(trx: Knex.Transaction, view: RunView): Promise<string> {
    await this.#storeFailingChecks(trx, view.runId);
    const label = view.baseRunId ?? view.runId;
    if (view.baseRunId) {
      for (const table of SNAPSHOT_TABLES) {
        await trx(table)
          .where({ run_id: view.baseRunId, superseded_by: view.runId })
          .delete();
        await trx(table)
          .where({ run_id: view.runId })
          .update({ run_id: view.baseRunId });
      }
    }
    await this.#storeDerived(trx, label);
    return label;
  }

  /**
   * On SQLite `failing_checks`, the entity's open findings, is kept by
   * triggers on jc_findings for rows already stored (migration
   * 20261201_1_stored_counts); the run's own rows, stored before its
   * findings were sealed, get theirs here. PostgreSQL's seal stores them on
   * every row of the connection (storeFailingChecks).
   */
  async #storeFailingChecks(trx: Knex.Transaction, runId: string) {
    if (this.knex.client.dialect === 'postgresql') return;
    for (const table of ['jc_users', 'jc_devices']) {
      await trx.raw(
        `UPDATE ${table} SET failing_checks = (SELECT count(*) FROM jc_findings f WHERE f.connection_id = ${table}.connection_id AND f.entity_id = ${table}.id AND f.status = 'open') WHERE run_id = ?`,
        [runId],
      );
    }
  }

  /**
   * A user's device count (bindings arrive after or among the users) and
   * whether a console admin has their email (admins are read at the same
   * time), written only where they changed.
   */
  async #storeDerived(trx: Knex.Transaction, label: string) {
    const distinct =
      this.knex.client.dialect === 'postgresql' ? 'IS DISTINCT FROM' : 'IS NOT';
    const devices =
      '(SELECT count(*) FROM jc_bindings b WHERE b.run_id = jc_users.run_id AND b.user_id = jc_users.id)';
    await trx.raw(
      `UPDATE jc_users SET device_count = ${devices} WHERE run_id = ? AND device_count ${distinct} ${devices}`,
      [label],
    );
    const admin =
      '(CASE WHEN jc_users.email IS NOT NULL AND lower(jc_users.email) IN (SELECT lower(a.email) FROM jc_admins a WHERE a.run_id = jc_users.run_id AND a.email IS NOT NULL) THEN TRUE ELSE FALSE END)';
    await trx.raw(
      `UPDATE jc_users SET is_admin = ${admin} WHERE run_id = ? AND is_admin ${distinct} ${admin}`,
      [label],
    );
  }

  /**
   * Sinks that store a run's bulk rows (devices, users, System Insights,
   * policy statuses, bindings) page by page while it is still being
   * fetched, so they are never held whole in memory. Nothing reads a run's
   * rows before it is applied; a failed or partial run's are deleted.
   */
  rowSinks(delta: RunDelta, connectionId: string): Required<RowSinks> {
    const runId = delta.view.runId;
    const store = async (table: string, rows: Record<string, unknown>[]) => {
      await this.insertRows(delta, table, rows);
    };
    return {
      systems: rows =>
        store(
          'jc_devices',
          rows.map(row => deviceRow(runId, connectionId, row)),
        ),
      users: rows =>
        store(
          'jc_users',
          rows.map(row => userRow(runId, connectionId, row)),
        ),
      systemInsights: (table, rows) =>
        store(
          'jc_insights',
          rows.map(row => insightRow(runId, table, row)),
        ),
      policyStatuses: rows =>
        store(
          'jc_policy_results',
          rows.map(row => policyResultRow(runId, row)),
        ),
      userSystemBindings: rows =>
        store(
          'jc_bindings',
          rows.map(row => bindingRow(runId, row)),
        ),
    };
  }

  /** Stores rows the run's base lacks, in batches committed together. */
  insertRows(
    delta: RunDelta,
    table: string,
    rows: Record<string, unknown>[],
  ): Promise<number> {
    return delta.insert(table, rows);
  }

  /**
   * Removes one run's own rows (a failed or partial run, or one left over)
   * and its marks on its base's rows. A connection's applied rows go only
   * with their label.
   */
  async deleteRun(runId: string): Promise<void> {
    for (const table of SNAPSHOT_TABLES) {
      await this.knex(table).where({ run_id: runId }).delete();
      await this.knex(table)
        .where({ superseded_by: runId })
        .update({ superseded_by: null });
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
