import type { SyncFrequency } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { CronTime } from 'cron';
import type { Knex } from 'knex';
import { DateTime, Duration } from 'luxon';
import { toSchedulerFrequency } from '../connections/syncFrequency';

const TABLE = 'jc_sync_schedule';

type Row = { connection_id: string; frequency: string; next_run_at: string };

/**
 * When a frequency next fires after `from`: a duration counts from `from`
 * (the turn's start, as Backstage's scheduler does), a cron expression at its
 * next match; undefined for `off` (Sync Now only).
 */
export function nextRunAfter(
  frequency: SyncFrequency,
  from: DateTime,
): DateTime | undefined {
  const schedule = toSchedulerFrequency(frequency);
  if ('trigger' in schedule) return undefined;
  if ('cron' in schedule) {
    return DateTime.fromJSDate(
      new CronTime(schedule.cron).getNextDateFrom(from.toJSDate()).toJSDate(),
    ).toUTC();
  }
  return from.plus(Duration.fromObject(schedule as Record<string, number>));
}

/** When a connection newly scheduled (or rescheduled) first syncs. */
function firstRun(frequency: SyncFrequency, now: DateTime) {
  const next = nextRunAfter(frequency, now);
  if (!next) return undefined;
  return 'cron' in toSchedulerFrequency(frequency) ? next : now;
}

const iso = (time: DateTime) => time.toUTC().toISO()!;

/**
 * Which connections are due to sync, shared by every replica through the
 * database. A replica takes a turn with {@link SyncSchedule.claimDue}: the
 * conditional update moves next_run_at on only if it is unchanged, so two
 * replicas polling at once never both win the same turn.
 */
export class SyncSchedule {
  constructor(private readonly knex: Knex) {}

  /**
   * Keeps the connection's row in step with its frequency: a new one is due
   * at once (a cron one at its next match); a changed one no later than the
   * new frequency's first run; `off` removes it.
   */
  async ensure(
    connectionId: string,
    frequency: SyncFrequency,
    now = DateTime.utc(),
  ): Promise<void> {
    const first = firstRun(frequency, now);
    if (!first) {
      await this.remove(connectionId);
      return;
    }
    const key = JSON.stringify(frequency);
    const existing = await this.knex<Row>(TABLE)
      .where({ connection_id: connectionId })
      .first();
    if (existing?.frequency === key) return;
    if (existing) {
      const nextRunAt =
        existing.next_run_at < iso(first) ? existing.next_run_at : iso(first);
      await this.knex<Row>(TABLE)
        .where({ connection_id: connectionId })
        .update({ frequency: key, next_run_at: nextRunAt });
      return;
    }
    await this.knex<Row>(TABLE)
      .insert({
        connection_id: connectionId,
        frequency: key,
        next_run_at: iso(first),
      })
      .onConflict('connection_id')
      .ignore();
  }

  async remove(connectionId: string): Promise<void> {
    await this.knex(TABLE).where({ connection_id: connectionId }).delete();
  }

  /** Drops the rows of connections that no longer exist. */
  async keepOnly(connectionIds: string[]): Promise<void> {
    await this.knex(TABLE).whereNotIn('connection_id', connectionIds).delete();
  }

  /**
   * Gives back a turn whose process died, due before any other: the
   * interrupted sync is owed first, so a live replica's next free slot takes
   * it rather than the turns still waiting in the same round.
   */
  async makeDue(connectionId: string): Promise<void> {
    await this.knex<Row>(TABLE)
      .where({ connection_id: connectionId })
      .update({ next_run_at: iso(DateTime.fromMillis(0)) });
  }

  /**
   * Takes up to `limit` due turns for this replica, the longest overdue
   * first, skipping connections it is already syncing. Returns the
   * connection ids won; the others went to another replica meanwhile.
   */
  async claimDue(
    limit: number,
    skip: Iterable<string> = [],
    now = DateTime.utc(),
  ): Promise<string[]> {
    if (limit <= 0) return [];
    const due = await this.knex<Row>(TABLE)
      .where('next_run_at', '<=', iso(now))
      .whereNotIn('connection_id', [...skip])
      .orderBy('next_run_at')
      .limit(limit * 2);
    const won: string[] = [];
    for (const row of due) {
      if (won.length >= limit) break;
      const frequency = JSON.parse(row.frequency) as SyncFrequency;
      const next = nextRunAfter(frequency, now);
      if (!next) continue;
      const updated = await this.knex<Row>(TABLE)
        .where({
          connection_id: row.connection_id,
          next_run_at: row.next_run_at,
        })
        .update({ next_run_at: iso(next) });
      if (updated === 1) won.push(row.connection_id);
    }
    return won;
  }
}
