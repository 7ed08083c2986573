// What one sync did to the plugin's tables, by the database's own counts:
// rows written and bytes stored (yarn bench:storage).
import type { Knex } from 'knex';
import { readStorageBytes, type StorageBytes } from './storageBytes';
import {
  readWriteCounters,
  writesBetween,
  type WriteCounters,
} from './writeCounters';

export interface TableFigures {
  /** Rows the sync inserted, updated and deleted. */
  written: WriteCounters;
  /** The tables' bytes once it finished. */
  bytes: StorageBytes;
  /** The same once compacted (the last sync only): without free space. */
  compactedBytes?: StorageBytes;
}

/**
 * Reads the write counters now, before a sync; the function it returns
 * reads them again after it and measures the tables. The sync must write
 * through `knex` (SQLite counts per connection), and nothing else write
 * meanwhile.
 */
export async function tableFiguresFrom(
  knex: Knex,
): Promise<(options: { compact: boolean }) => Promise<TableFigures>> {
  const before = await readWriteCounters(knex);
  return async ({ compact }) => {
    const written = writesBetween(before, await readWriteCounters(knex));
    const bytes = await readStorageBytes(knex);
    return {
      written,
      bytes,
      compactedBytes: compact
        ? await readStorageBytes(knex, { compact: true })
        : undefined,
    };
  };
}
