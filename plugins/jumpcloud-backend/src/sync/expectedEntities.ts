import type { RunsStore } from '../runs/RunsStore';

/**
 * The most devices plus users among the connection's last runs, whatever
 * their result (a run that failed part-way still counted what it fetched):
 * the organisation's size, which sizes a run's worker.
 */
export async function expectedEntities(
  runs: Pick<RunsStore, 'list'>,
  connectionId: string,
): Promise<number> {
  const { items } = await runs.list({
    connectionId,
    limit: 5,
    offset: 0,
    order: 'desc',
  });
  return Math.max(
    0,
    ...items.map(r => (r.counts.systems ?? 0) + (r.counts.users ?? 0)),
  );
}
