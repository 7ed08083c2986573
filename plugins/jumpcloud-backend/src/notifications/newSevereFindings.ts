import type { Knex } from 'knex';
import type { FindingRow } from '../findings/findingRow';

/** A critical or high finding a run opened or reopened on a device or user. */
export type NewSevereFinding = Pick<
  FindingRow,
  'entity_kind' | 'entity_id' | 'entity_name' | 'severity' | 'check_title'
>;

/**
 * The critical and high findings on devices and users that a run opened or
 * reopened and that are not covered by an accepted risk. Sealing stamps
 * both with the run's evaluation time, which is after the run started,
 * while findings of earlier runs carry earlier times (one run per
 * connection at a time).
 */
export async function newSevereFindings(
  knex: Knex,
  run: { id: string; connectionId: string; startedAt: string },
  now: string,
): Promise<NewSevereFinding[]> {
  return knex('jc_findings')
    .where({
      connection_id: run.connectionId,
      last_run_id: run.id,
      status: 'open',
    })
    .whereIn('severity', ['critical', 'high'])
    .whereIn('entity_kind', ['device', 'user'])
    .where(q =>
      q
        .where('first_seen_at', '>=', run.startedAt)
        .orWhere('reopened_at', '>=', run.startedAt),
    )
    .where(q =>
      q.whereNull('excepted_until').orWhere('excepted_until', '<=', now),
    )
    .select(
      'entity_kind',
      'entity_id',
      'entity_name',
      'severity',
      'check_title',
    );
}
