import type {
  ErrorDetail,
  RunCoverage,
  RunFindingChanges,
  SyncRun,
  SyncStage,
  SyncStatus,
  SyncTrigger,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import {
  isUniqueViolation,
  nowIso,
  type PageItems,
  type PageRequest,
  pageByStartTime,
  parseJson,
} from '../database/util';

const TABLE = 'jc_sync_runs';

type Row = {
  id: string;
  connection_id: string;
  connection_name: string;
  status: string;
  trigger_type: string;
  trigger_by: string | null;
  stage: string | null;
  counts_json: string;
  failed_json: string;
  coverage_json: string | null;
  error_json: string | null;
  requests: number;
  claimed_by: string | null;
  heartbeat_at: string | null;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  finding_changes_json: string | null;
};

export interface RunRecord extends SyncRun {
  claimedBy: string | null;
  heartbeatAt: string | null;
}

function triggerOf(row: Row): SyncTrigger {
  if (row.trigger_type === 'manual' || row.trigger_type === 'api') {
    return { type: row.trigger_type, by: row.trigger_by ?? 'unknown' };
  }
  return { type: 'scheduled' };
}

function fromRow(row: Row): RunRecord {
  return {
    id: row.id,
    connectionId: row.connection_id,
    connectionName: row.connection_name,
    status: row.status as SyncStatus,
    trigger: triggerOf(row),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    stage: (row.stage as SyncStage | null) ?? null,
    counts: parseJson(row.counts_json, {}),
    failedDataTypes: parseJson(row.failed_json, {}),
    coverage: parseJson(row.coverage_json, {}),
    error: parseJson<ErrorDetail | null>(row.error_json, null),
    requests: Number(row.requests ?? 0),
    findingChanges: parseJson<RunFindingChanges | null>(
      row.finding_changes_json,
      null,
    ),
    claimedBy: row.claimed_by,
    heartbeatAt: row.heartbeat_at,
  };
}

export interface RunOutcome {
  status: Exclude<SyncStatus, 'running'>;
  stage: SyncStage | null;
  counts: Record<string, number>;
  failedDataTypes: Record<string, ErrorDetail>;
  /** Per data type; empty when the run never finished reading. */
  coverage?: RunCoverage;
  error: ErrorDetail | null;
  requests: number;
  /** What sealing the run did to the findings (applied runs). */
  findingChanges?: RunFindingChanges | null;
}

/** Persistence of sync runs; one running run per connection at most. */
export class RunsStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Inserts a running run, or returns undefined when the connection already
   * has one (the partial unique index decides, across replicas).
   */
  async tryCreate(options: {
    id: string;
    connectionId: string;
    connectionName: string;
    trigger: SyncTrigger;
    claimedBy: string | null;
  }): Promise<RunRecord | undefined> {
    const now = nowIso();
    try {
      await this.knex(TABLE).insert({
        id: options.id,
        connection_id: options.connectionId,
        connection_name: options.connectionName,
        status: 'running',
        trigger_type: options.trigger.type,
        trigger_by:
          options.trigger.type === 'scheduled' ? null : options.trigger.by,
        stage: options.claimedBy ? 'fetch' : null,
        counts_json: '{}',
        failed_json: '{}',
        requests: 0,
        claimed_by: options.claimedBy,
        heartbeat_at: options.claimedBy ? now : null,
        started_at: now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        return undefined;
      }
      throw error;
    }
    return this.get(options.id);
  }

  async get(id: string, trx: Knex = this.knex): Promise<RunRecord | undefined> {
    const row = await trx<Row>(TABLE).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async getRunning(connectionId: string): Promise<RunRecord | undefined> {
    const row = await this.knex<Row>(TABLE)
      .where({ connection_id: connectionId, status: 'running' })
      .first();
    return row ? fromRow(row) : undefined;
  }

  async runningConnectionIds(): Promise<Set<string>> {
    const rows = await this.knex<Row>(TABLE)
      .where({ status: 'running' })
      .select('connection_id');
    return new Set(rows.map(r => r.connection_id));
  }

  /** Takes a queued run for this process; false if another took it first. */
  async claim(id: string, claimedBy: string): Promise<boolean> {
    const updated = await this.knex(TABLE)
      .where({ id, status: 'running' })
      .whereNull('claimed_by')
      .update({
        claimed_by: claimedBy,
        heartbeat_at: nowIso(),
        stage: 'fetch',
      });
    return updated === 1;
  }

  /** Live progress; doubles as the heartbeat that proves the run is alive. */
  async progress(
    id: string,
    progress: {
      stage?: SyncStage;
      counts?: Record<string, number>;
      requests?: number;
    },
  ): Promise<void> {
    const update: Partial<Row> = { heartbeat_at: nowIso() };
    if (progress.stage) update.stage = progress.stage;
    if (progress.counts) update.counts_json = JSON.stringify(progress.counts);
    if (progress.requests !== undefined) update.requests = progress.requests;
    await this.knex(TABLE).where({ id, status: 'running' }).update(update);
  }

  async finish(
    id: string,
    outcome: RunOutcome,
    trx: Knex = this.knex,
  ): Promise<void> {
    const row = await trx<Row>(TABLE).where({ id }).first();
    if (!row) return;
    const finishedAt = nowIso();
    await trx(TABLE)
      .where({ id })
      .update({
        status: outcome.status,
        stage: outcome.stage,
        counts_json: JSON.stringify(outcome.counts),
        failed_json: JSON.stringify(outcome.failedDataTypes),
        coverage_json: JSON.stringify(outcome.coverage ?? {}),
        error_json: outcome.error ? JSON.stringify(outcome.error) : null,
        requests: outcome.requests,
        finding_changes_json: outcome.findingChanges
          ? JSON.stringify(outcome.findingChanges)
          : null,
        finished_at: finishedAt,
        duration_ms: Date.parse(finishedAt) - Date.parse(row.started_at),
      });
  }

  /**
   * Runs whose process stopped sending heartbeats (crashed or killed), and
   * queued runs nobody picked up, older than the threshold.
   */
  async findStale(olderThan: string): Promise<RunRecord[]> {
    const rows = await this.knex<Row>(TABLE)
      .where({ status: 'running' })
      .andWhere(b =>
        b
          .where('heartbeat_at', '<', olderThan)
          .orWhere(q =>
            q.whereNull('heartbeat_at').andWhere('started_at', '<', olderThan),
          ),
      );
    return rows.map(fromRow);
  }

  /** Connections with a queued run (Sync Now) no process has claimed yet. */
  async queuedConnections(limit: number): Promise<string[]> {
    const rows = await this.knex<Row>(TABLE)
      .where({ status: 'running' })
      .whereNull('claimed_by')
      .orderBy('started_at')
      .limit(limit)
      .select('connection_id');
    return rows.map(row => row.connection_id);
  }

  async list(
    options: PageRequest & { connectionId?: string; status?: SyncStatus },
  ): Promise<PageItems<RunRecord>> {
    const filtered = this.knex<Row>(TABLE).modify(q => {
      if (options.connectionId) q.where('connection_id', options.connectionId);
      if (options.status) q.where('status', options.status);
    });
    return pageByStartTime(filtered, options, fromRow);
  }

  async lastRuns(): Promise<Map<string, RunRecord>> {
    // Latest run per connection: few connections, so one query per id is
    // avoided with a max(started_at) join.
    const latest = this.knex(TABLE)
      .select('connection_id')
      .max({ started_at: 'started_at' })
      .groupBy('connection_id')
      .as('latest');
    const rows = await this.knex<Row>(`${TABLE} as r`)
      .join(latest, join =>
        join
          .on('r.connection_id', '=', 'latest.connection_id')
          .andOn('r.started_at', '=', 'latest.started_at'),
      )
      .select('r.*');
    const result = new Map<string, RunRecord>();
    for (const row of rows as Row[]) {
      result.set(row.connection_id, fromRow(row));
    }
    return result;
  }

  /** The coverage of some runs (e.g. the connections' latest applied ones). */
  async coverageOf(runIds: string[]): Promise<Map<string, RunCoverage>> {
    const ids = runIds.filter(Boolean);
    if (ids.length === 0) return new Map();
    const rows: Array<Pick<Row, 'id' | 'coverage_json'>> = await this.knex(
      TABLE,
    )
      .whereIn('id', ids)
      .select('id', 'coverage_json');
    return new Map(rows.map(row => [row.id, parseJson(row.coverage_json, {})]));
  }

  async deleteForConnection(connectionId: string): Promise<void> {
    await this.knex(TABLE).where({ connection_id: connectionId }).delete();
  }
}
