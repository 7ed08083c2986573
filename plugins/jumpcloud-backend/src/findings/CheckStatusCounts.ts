import type {
  CheckConnectionCounts,
  CheckResultStatus,
  CheckSummaryConnection,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import type { CheckResult } from '../checks';
import { latestSealedRuns } from './latestSealedRuns';

interface CountRow {
  connection_id: string;
  connection_name: string;
  check_id: string;
  status: CheckResultStatus;
  result_count: number | string;
  top_message: string | null;
  top_message_count: number | string | null;
  run_id: string;
  evaluated_at: string;
}

const FIELD_OF_STATUS: Record<
  CheckResultStatus,
  keyof Omit<CheckConnectionCounts, 'connectionId' | 'topUnknownReason'>
> = {
  pass: 'pass',
  fail: 'fail',
  unknown: 'unknown',
  not_applicable: 'notApplicable',
  excepted: 'excepted',
};

/**
 * Counts one run's results per check and status as they are evaluated
 * (with the messages of unknown results, to name the most common reason),
 * then replaces the connection's rows of `jc_check_status_counts`.
 */
export class CheckStatusTally {
  readonly #counts = new Map<
    string,
    { count: number; messages: Map<string, number> }
  >();

  add(result: Pick<CheckResult, 'checkId' | 'status' | 'message'>): void {
    const key = `${result.checkId}\u0000${result.status}`;
    let tally = this.#counts.get(key);
    if (!tally)
      this.#counts.set(key, (tally = { count: 0, messages: new Map() }));
    tally.count++;
    // Only unknowns need a reason; the rest would only cost memory.
    if (result.status === 'unknown')
      tally.messages.set(
        result.message,
        (tally.messages.get(result.message) ?? 0) + 1,
      );
  }

  /** Forgets one check's counts (a check that threw part-way). */
  discard(checkId: string): void {
    for (const key of this.#counts.keys())
      if (key.startsWith(`${checkId}\u0000`)) this.#counts.delete(key);
  }

  /**
   * Brings the connection's rows of `jc_check_status_counts` to this run's
   * counts, writing only those that changed. A row's `run_id` and
   * `evaluated_at` are the run that last changed it; readers name the
   * latest sealed run.
   */
  async replace(
    trx: Knex.Transaction,
    run: { connectionId: string; runId: string; evaluatedAt: string },
  ): Promise<void> {
    const keyOf = (row: { check_id: string; status: string }) =>
      `${row.check_id}\u0000${row.status}`;
    const stored: CountRow[] = await trx('jc_check_status_counts').where(
      'connection_id',
      run.connectionId,
    );
    const before = new Map(stored.map(row => [keyOf(row), row]));
    const inserts: Array<Record<string, unknown>> = [];
    for (const [key, tally] of this.#counts) {
      const [checkId, status] = key.split('\u0000');
      const top = [...tally.messages].sort((a, b) => b[1] - a[1])[0];
      const counts = {
        result_count: tally.count,
        top_message: top?.[0] ?? null,
        top_message_count: top?.[1] ?? null,
        run_id: run.runId,
        evaluated_at: run.evaluatedAt,
      };
      const old = before.get(key);
      before.delete(key);
      if (!old)
        inserts.push({
          connection_id: run.connectionId,
          check_id: checkId,
          status,
          ...counts,
        });
      else if (
        Number(old.result_count) !== counts.result_count ||
        old.top_message !== counts.top_message ||
        (old.top_message_count === null
          ? null
          : Number(old.top_message_count)) !== counts.top_message_count
      )
        await trx('jc_check_status_counts')
          .where({
            connection_id: run.connectionId,
            check_id: checkId,
            status,
          })
          .update(counts);
    }
    for (const gone of before.values())
      await trx('jc_check_status_counts')
        .where({
          connection_id: run.connectionId,
          check_id: gone.check_id,
          status: gone.status,
        })
        .delete();
    for (let i = 0; i < inserts.length; i += 200)
      await trx('jc_check_status_counts').insert(inserts.slice(i, i + 200));
  }
}

/** What GET /checks/summary counts: per check, its connections' counts. */
export interface StoredCheckCounts {
  connections: CheckSummaryConnection[];
  byCheck: Map<string, CheckConnectionCounts[]>;
}

/** Reads of `jc_check_status_counts`. */
export class CheckStatusCounts {
  constructor(private readonly knex: Knex) {}

  /**
   * Every connection's counts (or one connection's), in one query: a few
   * rows per check and connection. Connections since deleted are left out.
   */
  async read(connectionId?: string): Promise<StoredCheckCounts> {
    const query = this.knex<CountRow>('jc_check_status_counts as s')
      .join('jc_connections as c', 'c.id', 's.connection_id')
      .select('s.*', { connection_name: 'c.name' })
      .orderBy([
        { column: 'c.name', order: 'asc' },
        { column: 's.connection_id', order: 'asc' },
      ]);
    if (connectionId) query.where('s.connection_id', connectionId);
    const rows: CountRow[] = await query;
    const latest = await latestSealedRuns(this.knex);
    const connections = new Map<string, CheckSummaryConnection>();
    const byCheck = new Map<string, Map<string, CheckConnectionCounts>>();
    for (const row of rows) {
      if (!connections.has(row.connection_id))
        connections.set(row.connection_id, {
          connectionId: row.connection_id,
          connectionName: row.connection_name,
          // Counts are rewritten only when they change: the run they are
          // of is the latest sealed one.
          runId: latest.get(row.connection_id)?.runId ?? row.run_id,
          evaluatedAt: latest.get(row.connection_id)?.at ?? row.evaluated_at,
        });
      const perConnection = byCheck.get(row.check_id) ?? new Map();
      byCheck.set(row.check_id, perConnection);
      const counts: CheckConnectionCounts = perConnection.get(
        row.connection_id,
      ) ?? {
        connectionId: row.connection_id,
        pass: 0,
        fail: 0,
        unknown: 0,
        notApplicable: 0,
        excepted: 0,
        topUnknownReason: null,
      };
      perConnection.set(row.connection_id, counts);
      const field = FIELD_OF_STATUS[row.status];
      if (field) counts[field] += Number(row.result_count);
      if (row.status === 'unknown' && row.top_message !== null)
        counts.topUnknownReason = {
          message: row.top_message,
          count: Number(row.top_message_count ?? 0),
        };
    }
    return {
      connections: [...connections.values()],
      byCheck: new Map(
        [...byCheck].map(([checkId, perConnection]) => [
          checkId,
          [...perConnection.values()],
        ]),
      ),
    };
  }
}
