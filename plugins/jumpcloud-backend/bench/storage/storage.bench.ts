// Benchmark of what repeated syncs write and keep (yarn bench:storage): the
// backend's sync path (bench/sync/syncProcess.ts) syncs one connection
// --runs times into a fresh SQLite file, then a fresh PostgreSQL database.
// Each database has a simulator process of its own serving an org of the
// given size (so both see the same org and the same changes), which changes
// --mutate % of its devices and users before every sync after the first.
//
//   yarn bench:storage [--size S|M|L|XL] [--runs 11] [--mutate 1]
//                      [--db sqlite|postgres] [--seed 1]
//
// Size defaults to JUMPCLOUD_BENCH_SIZE, else S. Targets (issue 18): the
// second sync writes at most 5% of the rows the first wrote; snapshot and
// sealed evidence after ten syncs stay under 1.5× their size after one.
//
// Every figure is the database's own count, not what our code believes it
// wrote:
//
// - Rows written by a sync: inserts + updates + deletes, counters read just
//   before and after it. PostgreSQL: pg_stat_user_tables' n_tup_ins, upd and
//   del over the jc_ tables (rows triggers write included), per table too;
//   each pooled session is made to flush its pending counts first
//   (pg_stat_force_next_flush) and the reading transaction drops any cached
//   statistics (pg_stat_clear_snapshot). SQLite: total_changes() of the one
//   connection the sync writes through, all its tables together, rows
//   triggers write included (SQLite keeps no per-table count). So the syncs run in the backend's thread, as the
//   plugin runs them on in-memory SQLite, not in the worker thread it uses
//   otherwise: the worker runs the same pipeline on its own connection, and
//   would write the same rows.
// - Bytes: the jc_ tables with their indexes after each sync, split into
//   snapshot (SnapshotWriter's SNAPSHOT_TABLES), sealed evidence
//   (jc_evidence_*) and the rest (findings, history, runs …).
//   PostgreSQL: pg_total_relation_size (TOAST included) after a plain VACUUM
//   — what autovacuum would leave had it kept up, run by the bench so the
//   figure does not depend on when autovacuum passed: deleted rows' space is
//   free for the table's later writes and still counted. SQLite: the pages
//   of each table's and index's b-tree (dbstat), the file's free list apart.
//   After the last sync both are also compacted (VACUUM FULL; SQLite VACUUM)
//   to show the bytes the rows need without free space.
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { forkSimulator } from '@backstage-jumpcloud/test-utils/simulator';
import {
  DATABASE_NAMES,
  databasesToRun,
  withFreshDatabase,
  type BenchDatabase,
} from '../sync/freshDatabase';
import { syncReports } from '../sync/syncReports';
import type { SyncReport } from '../sync/syncProcess';
import {
  bytesOfKind,
  figuresOf,
  formatBytes,
  percent,
  perSyncLines,
  storageLines,
  writesByTableLines,
} from './storageReport';

const { values } = parseArgs({
  options: {
    size: { type: 'string' },
    runs: { type: 'string' },
    mutate: { type: 'string' },
    db: { type: 'string' },
    seed: { type: 'string' },
  },
});
const size = (
  values.size ??
  process.env.JUMPCLOUD_BENCH_SIZE ??
  'S'
).toUpperCase();
const runs = Number(values.runs ?? 11);
if (!Number.isInteger(runs) || runs < 2)
  throw new Error(`--runs must be an integer of 2 or more, not ${values.runs}`);
const mutatePercent = Number(values.mutate ?? 1);
const seed = Number(values.seed ?? 1);
const databases = databasesToRun(values.db);
// As bench:sync's defaults; they shape the sync's timing, not what it writes.
const LATENCY_MS = 20;
const RATE = 150;
const WRITE_TARGET = 0.05;
const STORAGE_TARGET = 1.5;

async function syncRepeatedly(
  database: Knex.Config,
  simulator: { url: string; apiKey: string },
): Promise<SyncReport[]> {
  const reports: SyncReport[] = [];
  for await (const report of syncReports({
    database,
    simulatorUrl: simulator.url,
    apiKey: simulator.apiKey,
    requestsPerSecond: RATE,
    maxConcurrency: 8,
    batchSize: 500,
    runs,
    mutatePercent,
    workerHeapMb: null,
    tableFigures: true,
  })) {
    process.stdout.write(
      `  sync ${reports.length + 1}: ${report.status}, ${
        figuresOf(report).written.total
      } rows written\n`,
    );
    reports.push(report);
  }
  return reports;
}

function printFigures(kind: BenchDatabase, reports: SyncReport[]) {
  const name = DATABASE_NAMES[kind];
  const lines = [
    `${name}: rows written per sync (${
      kind === 'postgres'
        ? 'pg_stat_user_tables, jc_ tables'
        : 'total_changes() of the connection'
    }) and snapshot + evidence bytes after it`,
    ...perSyncLines(reports),
    ...(reports[1].mutation ? [`  before sync 2: ${reports[1].mutation}`] : []),
    ...(kind === 'postgres' ? writesByTableLines(reports) : []),
    `${name}: storage`,
    ...storageLines(reports),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const succeeded = reports.every(r => r.status === 'succeeded');
  const written = reports.map(r => figuresOf(r).written.total);
  const writeRatio = written[1] / written[0];
  const later = written.slice(2).map(w => w / written[0]);
  result(
    `storage: rows written by sync 2 after a ${mutatePercent}% change ÷ sync 1, ${name}`,
    `≤ ${WRITE_TARGET * 100}%`,
    `${percent(written[1], written[0])} (${written[1]} of ${written[0]} rows${
      later.length
        ? `; syncs 3–${runs}: ${(Math.min(...later) * 100).toFixed(0)}–${(
            Math.max(...later) * 100
          ).toFixed(0)}%`
        : ''
    })`,
    succeeded && writeRatio <= WRITE_TARGET,
  );
  const first = figuresOf(reports[0]).bytes;
  const last = figuresOf(reports[runs - 1]).bytes;
  const stored = (bytes: typeof first) =>
    bytesOfKind(bytes, 'snapshot', 'evidence');
  const storageRatio = stored(last) / stored(first);
  result(
    `storage: snapshot + evidence after ${
      runs - 1
    } syncs with ${mutatePercent}% change ÷ after one, ${name}`,
    `≤ ${STORAGE_TARGET}×`,
    `${storageRatio.toFixed(2)}× (${formatBytes(stored(first))} → ${formatBytes(
      stored(last),
    )}; evidence ${formatBytes(bytesOfKind(first, 'evidence'))} → ${formatBytes(
      bytesOfKind(last, 'evidence'),
    )})`,
    succeeded && storageRatio <= STORAGE_TARGET,
  );
  return succeeded;
}

/** Machine-readable line for scripts/bench-all.mjs's summary table. */
function result(name: string, target: string, measured: string, met: boolean) {
  process.stdout.write(
    `RESULT ${JSON.stringify({ name, target, measured, met, size })}\n`,
  );
}

async function main() {
  process.stdout.write(
    `storage benchmark: size ${size}, seed ${seed}, ${runs} syncs of one connection, ${mutatePercent}% of devices and users changed before each after the first\n`,
  );
  let failures = 0;
  for (const kind of databases) {
    process.stdout.write(`${DATABASE_NAMES[kind]}:\n`);
    // A simulator of its own, so each database syncs the same org and changes.
    const simulator = await forkSimulator({
      seed,
      size,
      latencyMs: LATENCY_MS,
      rateLimit: { perSecond: RATE, retryAfter: true },
    });
    try {
      const reports = await withFreshDatabase(kind, database =>
        syncRepeatedly(database, simulator),
      );
      if (reports && !printFigures(kind, reports)) failures += 1;
    } finally {
      simulator.close();
    }
  }
  return failures;
}

main().then(
  failures => process.exit(failures ? 1 : 0),
  error => {
    process.stderr.write(`bench:storage failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
