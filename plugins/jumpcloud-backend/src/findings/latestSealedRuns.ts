import type { Knex } from 'knex';

/** A connection's latest sealed run and when it evaluated. */
export interface SealedRun {
  runId: string;
  at: string;
}

/**
 * Each connection's latest sealed run (or some connections'), from its
 * posture points: what rows written only on change (findings still seen,
 * per-entity results, per-check counts) are current as of.
 */
export async function latestSealedRuns(
  db: Knex,
  connectionIds?: string[],
): Promise<Map<string, SealedRun>> {
  const newest = db('jc_posture_points')
    .groupBy('connection_id')
    .select('connection_id')
    .max({ at: 'at' });
  if (connectionIds)
    newest.whereIn('connection_id', [...new Set(connectionIds)]);
  const rows: Array<{ connection_id: string; run_id: string; at: string }> =
    await db('jc_posture_points as p')
      .join(newest.as('m'), join =>
        join
          .on('m.connection_id', '=', 'p.connection_id')
          .andOn('m.at', '=', 'p.at'),
      )
      .select('p.connection_id', 'p.run_id', 'p.at');
  return new Map(
    rows.map(row => [row.connection_id, { runId: row.run_id, at: row.at }]),
  );
}
