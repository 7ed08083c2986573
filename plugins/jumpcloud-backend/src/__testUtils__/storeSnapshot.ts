import type { OrgSnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { Knex } from 'knex';
import { SnapshotWriter } from '../snapshot/SnapshotWriter';

/**
 * Stores a whole snapshot as a sync applies a complete run: written against
 * `baseRunId` (the connection's applied rows, if any), closed and applied.
 * Returns the rows written and the label the applied rows carry.
 */
export async function storeSnapshot(
  knex: Knex,
  runId: string,
  connectionId: string,
  snapshot: OrgSnapshot,
  baseRunId: string | null = null,
): Promise<{ written: number; label: string }> {
  const writer = new SnapshotWriter(knex);
  const delta = writer.delta({ runId, baseRunId });
  const written = await writer.write(delta, connectionId, snapshot);
  await writer.closeRun(delta, {});
  const label = await knex.transaction(trx => writer.apply(trx, delta.view));
  return { written, label };
}
