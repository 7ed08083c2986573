import type { HistoryEntry } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { HistoryStore } from '../runs/HistoryStore';
import type { SyncSignals } from './SyncSignals';

type RunOutcome = Parameters<HistoryStore['updateForRun']>[1];

/**
 * The History store that tells open browsers about each row it writes. Every
 * sync starts by adding its row and ends by mirroring its outcome into it
 * (in the transaction that also updates the run and the connection), so the
 * rows also say when a run started or ended. Signals go once the write can be
 * read: after the caller's transaction commits.
 */
export class SignallingHistoryStore extends HistoryStore {
  constructor(
    private readonly db: Knex,
    private readonly signals: SyncSignals,
  ) {
    super(db);
  }

  override async insert(entry: HistoryEntry, trx?: Knex): Promise<void> {
    await super.insert(entry, trx);
    afterCommit(trx, () => {
      if (entry.action === 'sync' && entry.runId && entry.connectionId)
        this.signals.runStarted({
          id: entry.runId,
          connectionId: entry.connectionId,
        });
      this.signals.historyWritten(entry.connectionId, entry.runId);
    });
  }

  override async updateForRun(
    runId: string,
    outcome: RunOutcome,
    trx?: Knex,
  ): Promise<void> {
    await super.updateForRun(runId, outcome, trx);
    const row = await (trx ?? this.db)('jc_history')
      .where({ run_id: runId })
      .first('connection_id');
    if (!row?.connection_id) return;
    const run = { id: runId, connectionId: row.connection_id as string };
    afterCommit(trx, () =>
      this.signals.runFinished(run, outcome.status, outcome.stage),
    );
  }
}

/** Runs `signal` once `trx` (if it is a transaction) has committed. */
function afterCommit(trx: Knex | undefined, signal: () => void) {
  if (trx?.isTransaction)
    (trx as Knex.Transaction).executionPromise.then(signal, () => {});
  else signal();
}
