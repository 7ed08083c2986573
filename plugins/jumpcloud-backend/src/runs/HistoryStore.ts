import type {
  ErrorDetail,
  HistoryAction,
  HistoryEntry,
  RunFindingChanges,
  SyncStage,
  SyncTrigger,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import {
  type PageItems,
  type PageRequest,
  pageByStartTime,
  parseJson,
} from '../database/util';

const TABLE = 'jc_history';

type Row = {
  id: string;
  connection_id: string | null;
  connection_name: string;
  action: string;
  actor: string | null;
  trigger_type: string | null;
  status: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  counts_json: string | null;
  error_json: string | null;
  stage: string | null;
  run_id: string | null;
  detail: string | null;
  finding_changes_json: string | null;
};

function fromRow(row: Row): HistoryEntry {
  return {
    id: row.id,
    connectionId: row.connection_id,
    connectionName: row.connection_name,
    action: row.action as HistoryAction,
    actor: row.actor,
    trigger: (row.trigger_type as SyncTrigger['type'] | null) ?? null,
    status: row.status as HistoryEntry['status'],
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    counts: parseJson<Record<string, number> | null>(row.counts_json, null),
    error: parseJson<ErrorDetail | null>(row.error_json, null),
    stage: (row.stage as SyncStage | null) ?? null,
    runId: row.run_id,
    detail: row.detail ?? null,
    findingChanges: parseJson<RunFindingChanges | null>(
      row.finding_changes_json,
      null,
    ),
  };
}

/** What a run's end fills in, at insert time or when the run finishes. */
type OutcomeFields = Pick<
  HistoryEntry,
  'status' | 'finishedAt' | 'durationMs' | 'counts' | 'error' | 'stage'
> &
  Pick<HistoryEntry, 'findingChanges'>;

function outcomeColumns(outcome: OutcomeFields) {
  return {
    status: outcome.status,
    finished_at: outcome.finishedAt,
    duration_ms: outcome.durationMs,
    counts_json: outcome.counts ? JSON.stringify(outcome.counts) : null,
    error_json: outcome.error ? JSON.stringify(outcome.error) : null,
    stage: outcome.stage,
    finding_changes_json: outcome.findingChanges
      ? JSON.stringify(outcome.findingChanges)
      : null,
  };
}

function toRow(entry: HistoryEntry): Row {
  return {
    id: entry.id,
    connection_id: entry.connectionId,
    connection_name: entry.connectionName,
    action: entry.action,
    actor: entry.actor,
    trigger_type: entry.trigger,
    started_at: entry.startedAt,
    run_id: entry.runId,
    detail: entry.detail ?? null,
    ...outcomeColumns(entry),
  };
}

/** The History table: every action on connections, syncs included. */
export class HistoryStore {
  constructor(private readonly knex: Knex) {}

  async insert(entry: HistoryEntry, trx: Knex = this.knex): Promise<void> {
    await trx(TABLE).insert(toRow(entry));
  }

  /** Mirrors a finished run into its history row. */
  async updateForRun(
    runId: string,
    outcome: OutcomeFields,
    trx: Knex = this.knex,
  ): Promise<void> {
    await trx(TABLE).where({ run_id: runId }).update(outcomeColumns(outcome));
  }

  async list(
    options: PageRequest & { connectionId?: string; action?: HistoryAction },
  ): Promise<PageItems<HistoryEntry>> {
    const filtered = this.knex<Row>(TABLE).modify(q => {
      if (options.connectionId) q.where('connection_id', options.connectionId);
      if (options.action) q.where('action', options.action);
    });
    return pageByStartTime(filtered, options, fromRow);
  }
}
