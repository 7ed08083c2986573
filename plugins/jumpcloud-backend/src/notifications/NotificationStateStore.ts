import type { Knex } from 'knex';
import { nowIso } from '../database/util';

const TABLE = 'jc_notification_state';

/**
 * What each connection's notifications last said, per topic (`sync`,
 * `data:<type>`, `owner:<entity ref>`), shared by every replica through the
 * plugin's database. A replica tells people something only after it moved
 * the topic's mark itself: two replicas, or two runs, never tell the same
 * thing twice.
 */
export class NotificationStateStore {
  constructor(private readonly knex: Knex) {}

  /** The marks of a connection's topics (those with a row). */
  async marks(
    connectionId: string,
    topics: string[],
  ): Promise<Map<string, string>> {
    const marks = new Map<string, string>();
    if (topics.length === 0) return marks;
    const rows: Array<{ topic: string; mark: string }> = await this.knex(TABLE)
      .where('connection_id', connectionId)
      .whereIn('topic', topics)
      .select('topic', 'mark');
    for (const row of rows) marks.set(row.topic, row.mark);
    return marks;
  }

  /**
   * Moves a topic's mark from `from` (as read; undefined: no row yet) to
   * `to`: compare-and-set on the row, or insert-if-absent. True only for the
   * one caller that made the move.
   */
  async move(
    connectionId: string,
    topic: string,
    from: string | undefined,
    to: string,
    runId: string | null,
  ): Promise<boolean> {
    if (from === to) return false;
    const changedAt = nowIso();
    if (from === undefined) {
      const inserted = await this.knex(TABLE)
        .insert({
          connection_id: connectionId,
          topic,
          mark: to,
          run_id: runId,
          changed_at: changedAt,
        })
        .onConflict(['connection_id', 'topic'])
        .ignore()
        .returning('topic');
      return inserted.length === 1;
    }
    const updated = await this.knex(TABLE)
      .where({ connection_id: connectionId, topic, mark: from })
      .update({ mark: to, run_id: runId, changed_at: changedAt });
    return updated === 1;
  }

  /**
   * Undoes a move this process made (`to` back to `from`) when telling
   * failed, so that a later run tries again; only if nobody moved it since.
   */
  async undo(
    connectionId: string,
    topic: string,
    from: string | undefined,
    to: string,
  ): Promise<void> {
    const row = this.knex(TABLE).where({
      connection_id: connectionId,
      topic,
      mark: to,
    });
    if (from === undefined) await row.delete();
    else await row.update({ mark: from, changed_at: nowIso() });
  }
}
