import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import type { HistoryStore } from '../runs/HistoryStore';
import type { RunRecord, RunsStore } from '../runs/RunsStore';
import { gapsError } from './outcomeWording';

// A sync's entry in the connection's history (Sync History view): written
// when its run starts, and brought up to date from the run when it ends.

export async function historyOfStartedRun(
  history: HistoryStore,
  run: RunRecord,
): Promise<void> {
  await history.insert({
    id: randomUUID(),
    connectionId: run.connectionId,
    connectionName: run.connectionName,
    action: 'sync',
    actor: run.trigger.type === 'scheduled' ? null : run.trigger.by,
    trigger: run.trigger.type,
    status: 'running',
    startedAt: run.startedAt,
    finishedAt: null,
    durationMs: null,
    counts: null,
    error: null,
    stage: null,
    runId: run.id,
  });
}

/** Inside the transaction that finishes the run. */
export async function mirrorFinishedRun(
  deps: { runs: RunsStore; history: HistoryStore },
  runId: string,
  trx: Knex,
): Promise<void> {
  const finished = await deps.runs.get(runId, trx);
  if (!finished) return;
  await deps.history.updateForRun(
    runId,
    {
      status: finished.status,
      finishedAt: finished.finishedAt,
      durationMs: finished.durationMs,
      counts: finished.counts,
      error: finished.error ?? gapsError(finished.coverage),
      stage: finished.status === 'failed' ? finished.stage : null,
      findingChanges: finished.findingChanges ?? null,
    },
    trx,
  );
}
