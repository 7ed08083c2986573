import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import type { HistoryStore } from '../runs/HistoryStore';
import {
  describeRetention,
  runsToKeep,
  type EvidenceRetentionPolicy,
} from './retentionPolicy';

/** Runs pruned per transaction: bounded, so a first pass over years of hourly runs commits as it goes. */
const PRUNE_BATCH = 50;

export interface PruneOutcome {
  connectionId: string;
  /** Runs pruned by this pass. */
  pruned: number;
  /** Runs kept whole after it. */
  kept: number;
}

/**
 * Applies the evidence retention policy: deletes the population blobs of
 * the runs the policy no longer keeps and marks their manifest rows
 * `pruned_at` / `pruned_reason`. Manifest rows are never deleted, so each
 * connection's chain still verifies across the gap.
 */
export class EvidenceRetention {
  constructor(
    private readonly knex: Knex,
    private readonly policy: EvidenceRetentionPolicy,
    /**
     * Each pass that prunes runs of a connection is kept in History: a
     * pruned run is verified by its manifest alone, so auditors see when
     * and under which policy its populations went.
     */
    private readonly history?: Pick<HistoryStore, 'insert'>,
  ) {}

  /** One pass over every connection with sealed evidence. */
  async pruneAll(now: DateTime = DateTime.utc()): Promise<PruneOutcome[]> {
    const connections: Array<{ connection_id: string }> = await this.knex(
      'jc_evidence_runs',
    )
      .distinct('connection_id')
      .orderBy('connection_id');
    const outcomes: PruneOutcome[] = [];
    for (const { connection_id } of connections)
      outcomes.push(await this.prune(connection_id, now));
    return outcomes;
  }

  /** One connection: its newest run and runs open findings refer to are always kept. */
  async prune(
    connectionId: string,
    now: DateTime = DateTime.utc(),
  ): Promise<PruneOutcome> {
    const runs: Array<{
      run_id: string;
      sealed_at: string;
      pruned_at: string | null;
    }> = await this.knex('jc_evidence_runs')
      .select('run_id', 'sealed_at', 'pruned_at')
      .where('connection_id', connectionId);
    const keep = runsToKeep(
      runs.map(r => ({ runId: r.run_id, sealedAt: r.sealed_at })),
      this.policy,
      now,
      await this.pinnedRuns(connectionId),
    );
    const toPrune = runs
      .filter(r => !r.pruned_at && !keep.has(r.run_id))
      .map(r => r.run_id);
    const reason = describeRetention(this.policy);
    const prunedAt = now.toUTC().toISO()!;
    for (let i = 0; i < toPrune.length; i += PRUNE_BATCH) {
      await this.pruneRuns(toPrune.slice(i, i + PRUNE_BATCH), prunedAt, reason);
    }
    if (toPrune.length > 0)
      await this.recordInHistory(connectionId, toPrune, prunedAt, reason);
    return {
      connectionId,
      pruned: toPrune.length,
      kept: runs.filter(r => keep.has(r.run_id) && !r.pruned_at).length,
    };
  }

  private async recordInHistory(
    connectionId: string,
    runIds: string[],
    at: string,
    reason: string,
  ) {
    if (!this.history) return;
    const connection: { name: string } | undefined = await this.knex(
      'jc_connections',
    )
      .select('name')
      .where({ id: connectionId })
      .first();
    await this.history.insert({
      id: randomUUID(),
      connectionId,
      connectionName: connection?.name ?? connectionId,
      action: 'evidence_prune',
      actor: null,
      trigger: 'scheduled',
      status: 'succeeded',
      startedAt: at,
      finishedAt: at,
      durationMs: 0,
      counts: null,
      error: null,
      stage: null,
      runId: null,
      detail: `Pruned the populations of ${
        runIds.length
      } sealed run(s) under the ${reason}; their manifests (hash, link, counts) are kept: ${runIds.join(
        ', ',
      )}`,
    });
  }

  /**
   * Runs an open finding names as the run that last saw it (one the latest
   * run still sees was last seen by that run, which is always kept).
   */
  private async pinnedRuns(connectionId: string): Promise<Set<string>> {
    const rows: Array<{ last_run_id: string }> = await this.knex('jc_findings')
      .distinct('last_run_id')
      .where({ connection_id: connectionId, status: 'open' })
      .where('seen_in_latest_run', false);
    return new Set(rows.map(r => r.last_run_id));
  }

  /** Keeps each population's row count on the manifest row, then drops the blobs. */
  private async pruneRuns(runIds: string[], prunedAt: string, reason: string) {
    await this.knex.transaction(async trx => {
      const populations: Array<{
        run_id: string;
        name: string;
        row_count: number;
      }> = await trx('jc_evidence_populations')
        .select('run_id', 'name', 'row_count')
        .whereIn('run_id', runIds);
      for (const runId of runIds) {
        const counts: Record<string, number> = {};
        for (const p of populations)
          if (p.run_id === runId) counts[p.name] = Number(p.row_count);
        await trx('jc_evidence_runs')
          .where('run_id', runId)
          .whereNull('pruned_at')
          .update({
            pruned_at: prunedAt,
            pruned_reason: reason,
            population_counts_json: JSON.stringify(counts),
          });
      }
      await trx('jc_evidence_populations').whereIn('run_id', runIds).delete();
    });
  }
}

/**
 * Runs the pruning pass on the policy's schedule, on one replica at a time
 * (a global task: the scheduler's lock keeps two replicas from pruning the
 * same runs at once).
 */
export async function scheduleEvidenceRetention(deps: {
  knex: Knex;
  scheduler: SchedulerService;
  logger: LoggerService;
  policy: EvidenceRetentionPolicy;
  signal: AbortSignal;
  history: Pick<HistoryStore, 'insert'>;
}): Promise<void> {
  const { policy, logger } = deps;
  if (!policy.enabled) {
    logger.info('Evidence retention is disabled: sealed runs are kept whole');
    return;
  }
  const retention = new EvidenceRetention(deps.knex, policy, deps.history);
  await deps.scheduler.scheduleTask({
    id: 'jumpcloud-evidence-retention',
    scope: 'global',
    frequency: policy.frequency,
    timeout: { hours: 1 },
    initialDelay: { minutes: 5 },
    signal: deps.signal,
    fn: async () => {
      const outcomes = await retention.pruneAll();
      const pruned = outcomes.reduce((sum, o) => sum + o.pruned, 0);
      if (pruned > 0)
        logger.info(
          `Evidence retention pruned ${pruned} sealed run(s) across ${
            outcomes.filter(o => o.pruned > 0).length
          } connection(s) under the ${describeRetention(policy)}`,
        );
    },
  });
}
