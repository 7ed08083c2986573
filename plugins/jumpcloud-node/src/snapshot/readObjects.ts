import { systemsSpec, systemUsersSpec } from '../client/collections';
import type { ListSpec } from '../client/paging';
import { readAll, readInto, SnapshotContext } from './context';

/**
 * Reads the devices (`systems`) or the users into the snapshot, or hands
 * them to their sink a page at a time, each object once; keeps their ids
 * either way (`systemIds`, `userIds`).
 */
export function readObjects(
  context: SnapshotContext,
  type: 'systems' | 'users',
): Promise<void> {
  const { snapshot, sinks } = context;
  return context.ledger.guard([type], async () => {
    if (type === 'systems') {
      snapshot.systems = await objectsOf(
        context,
        type,
        systemsSpec(),
        context.systemIds,
        sinks.systems,
      );
    } else {
      snapshot.users = await objectsOf(
        context,
        type,
        systemUsersSpec(),
        context.userIds,
        sinks.users,
      );
    }
  });
}

async function objectsOf<T extends { _id: string }>(
  context: SnapshotContext,
  type: 'systems' | 'users',
  spec: ListSpec<T>,
  ids: string[],
  sink: ((rows: T[]) => Promise<void>) | undefined,
): Promise<T[]> {
  if (!sink) {
    const items = await readAll(context, type, spec);
    for (const item of items) ids.push(item._id);
    return items;
  }
  const seen = new Set<string>();
  await readInto(
    context,
    type,
    spec,
    async page => {
      const fresh = page.filter(item => !seen.has(item._id));
      for (const item of fresh) {
        seen.add(item._id);
        ids.push(item._id);
      }
      if (fresh.length > 0) await sink(fresh);
    },
    { fanned: false, prefetch: 2 },
  );
  context.ledger.addStreamed(type, seen.size);
  return [];
}
