import type { Finding } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { toFinding, type FindingRow } from './findingRow';
import { latestSeals } from './lastSeen';

/**
 * Every finding of a connection ordered by id, read in pages keyed on the
 * last id (no OFFSET rescans), so a large org's findings never sit in
 * memory at once while the evidence population is packed.
 */
export async function* findingsById(
  db: Knex | Knex.Transaction,
  connectionId: string,
  now: string,
  pageSize = 2000,
): AsyncGenerator<Finding> {
  const seals = await latestSeals(db, [connectionId]);
  let after: string | undefined;
  for (;;) {
    const query = db<FindingRow>('jc_findings')
      .where('connection_id', connectionId)
      .orderBy('id')
      .limit(pageSize);
    if (after !== undefined) query.where('id', '>', after);
    const rows: FindingRow[] = await query;
    for (const row of rows) yield toFinding(row, now, seals);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].id;
  }
}
