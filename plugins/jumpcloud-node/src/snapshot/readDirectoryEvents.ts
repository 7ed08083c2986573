import { DIRECTORY_INSIGHTS_PAGE_SIZE } from '../client/directoryEvents';
import { collectAll } from '../client/paging';
import type { SnapshotContext } from './context';

const DAY_MS = 86_400_000;

/** Directory Insights events of the last `directoryInsightsDays` (default 30). */
export function readDirectoryEvents(context: SnapshotContext): Promise<void> {
  const { client, ledger, snapshot, options } = context;
  return ledger.guard(['directoryEvents'], async () => {
    const days = options.directoryInsightsDays ?? 30;
    const now = Date.now();
    const reader = client.directoryEventPages(
      {
        startTime: new Date(now - days * DAY_MS).toISOString(),
        endTime: new Date(now).toISOString(),
      },
      {
        signal: ledger.signal,
        onProgress: (fetched, total) =>
          ledger.advance(
            'directoryEvents',
            fetched - ledger.progressOf('directoryEvents'),
            total,
          ),
      },
    );
    const { items, summary } = await collectAll(reader);
    snapshot.directoryEvents = items;
    ledger.account(
      'directoryEvents',
      summary,
      1 + Math.ceil(summary.total / DIRECTORY_INSIGHTS_PAGE_SIZE),
    );
  });
}
