import type { HistoryEntry } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { HistoryStore } from '../runs/HistoryStore';
import type { SyncSignals } from './SyncSignals';

/**
 * The History store that signals each row it adds, once the row can be read:
 * after the caller's transaction commits, so a browser refetching at once
 * sees it. (Finished runs update their row through the sync engine, which
 * signals after its own transaction.)
 */
export class SignallingHistoryStore extends HistoryStore {
  constructor(knex: Knex, private readonly signals: SyncSignals) {
    super(knex);
  }

  override async insert(entry: HistoryEntry, trx?: Knex): Promise<void> {
    await super.insert(entry, trx);
    const signal = () =>
      this.signals.historyWritten(entry.connectionId, entry.runId);
    if (trx?.isTransaction)
      (trx as Knex.Transaction).executionPromise.then(signal, () => {});
    else signal();
  }
}
