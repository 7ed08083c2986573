import { systemInsightsSpec } from '../client/collections';
import type { JcSystemInsightsRow } from '../types';
import { SYSTEM_INSIGHTS_TABLES, SystemInsightsTable } from '../types/snapshot';
import type { SnapshotContext } from './context';

/**
 * System Insights, a table at a time (`insightsFanOut`), once the device
 * list is read (`devices`): its ids let each table's read prove that no
 * device's rows were skipped while the table was rewritten (see the
 * client's `systemInsightsPages`).
 */
export async function readSystemInsights(
  context: SnapshotContext,
  devices: Promise<void>,
): Promise<void> {
  const { ledger, options, insightsFanOut } = context;
  await devices;
  const ids = ledger.failures.systems ? undefined : context.systemIds;
  const tables = options.systemInsightsTables ?? SYSTEM_INSIGHTS_TABLES;
  await Promise.all(
    tables.map(table =>
      insightsFanOut(() =>
        ledger.guard(['systemInsights'], async () => {
          // After one table failed the data type is lost anyway: spare
          // the other tables' requests (and their retries).
          if (ledger.fatal || ledger.failures.systemInsights) return;
          await readTable(context, table, ids);
        }),
      ),
    ),
  );
}

/** One table into the snapshot, or to its sink a page at a time. */
async function readTable(
  { client, ledger, snapshot, sinks }: SnapshotContext,
  table: SystemInsightsTable,
  systemIds: string[] | undefined,
): Promise<void> {
  const sink = sinks.systemInsights;
  let reported = 0;
  const reader = client.systemInsightsPages(table, {
    signal: ledger.signal,
    systemIds,
    // Streamed pages are not kept: one read ahead is enough.
    ...(sink ? { prefetch: 1 } : {}),
    onProgress: fetched => {
      ledger.advance('systemInsights', fetched - reported);
      reported = fetched;
    },
  });
  const rows: JcSystemInsightsRow[] = [];
  for (;;) {
    const step = await reader.next();
    if (step.done) {
      ledger.account(
        'systemInsights',
        step.value,
        Math.max(
          1,
          Math.ceil(step.value.total / systemInsightsSpec(table).pageSize),
        ),
      );
      break;
    }
    if (!sink) {
      for (const row of step.value) rows.push(row);
    } else if (step.value.length > 0) {
      await sink(table, step.value);
      ledger.addStreamed('systemInsights', step.value.length);
    }
  }
  snapshot.systemInsights[table] = rows;
}
