// The figures bench:storage prints for one database: rows written per sync,
// where they went, and the bytes the plugin's tables take.
import { SNAPSHOT_TABLES } from '../../src/snapshot/SnapshotWriter';
import type { SyncReport } from '../sync/syncProcess';
import type { StorageBytes } from './storageBytes';
import type { TableFigures } from './tableFigures';
import type { TableWrites } from './writeCounters';

export type Kind = 'snapshot' | 'evidence' | 'other';

/** Snapshot: the writer's own list; evidence: the sealed runs' tables. */
export function kindOf(table: string): Kind {
  if ((SNAPSHOT_TABLES as readonly string[]).includes(table)) return 'snapshot';
  return table.startsWith('jc_evidence_') ? 'evidence' : 'other';
}

export function bytesOfKind(bytes: StorageBytes, ...kinds: Kind[]): number {
  return Object.entries(bytes.byTable)
    .filter(([table]) => kinds.includes(kindOf(table)))
    .reduce((sum, [, b]) => sum + b, 0);
}

export const formatBytes = (bytes: number) =>
  bytes >= 2 ** 20
    ? `${(bytes / 2 ** 20).toFixed(1)} MB`
    : `${(bytes / 1024).toFixed(0)} kB`;

export const percent = (part: number, whole: number) =>
  `${((100 * part) / whole).toFixed(1)}%`;

const pad = (text: string | number, width: number) =>
  String(text).padStart(width);

/** One line per sync: status, rows written, bytes of snapshot and evidence. */
export function perSyncLines(reports: SyncReport[]): string[] {
  const first = figuresOf(reports[0]);
  const firstStored = bytesOfKind(first.bytes, 'snapshot', 'evidence');
  const lines = [
    `  sync  status      rows written  ÷ sync 1    snapshot    evidence  snapshot + evidence  ÷ after sync 1`,
  ];
  reports.forEach((report, i) => {
    const { written, bytes } = figuresOf(report);
    const stored = bytesOfKind(bytes, 'snapshot', 'evidence');
    lines.push(
      [
        pad(i + 1, 6),
        report.status.padEnd(10),
        pad(written.total, 12),
        pad(percent(written.total, first.written.total), 8),
        pad(formatBytes(bytesOfKind(bytes, 'snapshot')), 10),
        pad(formatBytes(bytesOfKind(bytes, 'evidence')), 10),
        pad(formatBytes(stored), 19),
        pad(`${(stored / firstStored).toFixed(2)}×`, 14),
      ].join('  '),
    );
  });
  return lines;
}

/**
 * Inserted / updated / deleted per table in the first, second and last
 * syncs (at least two), every table any of them wrote, those the second
 * wrote most first (PostgreSQL only).
 */
export function writesByTableLines(reports: SyncReport[]): string[] {
  const chosen = [...new Set([0, 1, reports.length - 1])];
  const byTable = chosen.map(i => figuresOf(reports[i]).written.byTable ?? {});
  const total = (w?: TableWrites) =>
    w ? w.inserted + w.updated + w.deleted : 0;
  const [firstWrites, secondWrites] = byTable;
  const tables = Object.keys(firstWrites)
    .filter(t => byTable.some(b => total(b[t]) > 0))
    .sort(
      (a, b) =>
        total(secondWrites[b]) - total(secondWrites[a]) ||
        total(firstWrites[b]) - total(firstWrites[a]),
    );
  const cell = (text: string) => pad(text, 20);
  return [
    `  rows inserted/updated/deleted by table (pg_stat_user_tables), most written by sync 2 first:`,
    `  ${'table'.padEnd(28)}${chosen.map(i => cell(`sync ${i + 1}`)).join('')}`,
    ...tables.map(
      t =>
        `  ${t.padEnd(28)}${byTable
          .map(b => b[t])
          .map(w => cell(w ? `${w.inserted}/${w.updated}/${w.deleted}` : '-'))
          .join('')}`,
    ),
  ];
}

/** Bytes per table after the first and the last sync, by kind, with totals. */
export function storageLines(reports: SyncReport[]): string[] {
  const first = figuresOf(reports[0]).bytes;
  const lastFigures = figuresOf(reports[reports.length - 1]);
  const last = lastFigures.bytes;
  const compacted = lastFigures.compactedBytes;
  const n = reports.length;
  const tables = Object.keys(last.byTable).sort(
    (a, b) => last.byTable[b] - last.byTable[a],
  );
  const row = (label: string, a: number, b: number, c?: number) =>
    `  ${label.padEnd(38)}${pad(formatBytes(a), 14)}${pad(
      formatBytes(b),
      14,
    )}${pad(a ? `${(b / a).toFixed(2)}×` : '-', 8)}${
      c === undefined ? '' : pad(formatBytes(c), 16)
    }`;
  const kinds: Kind[] = ['snapshot', 'evidence', 'other'];
  const lines = [
    `  ${'bytes, indexes included'.padEnd(38)}${pad('after sync 1', 14)}${pad(
      `after sync ${n}`,
      14,
    )}${pad('ratio', 8)}${compacted ? pad('compacted', 16) : ''}`,
  ];
  for (const kind of kinds)
    for (const t of tables.filter(x => kindOf(x) === kind && last.byTable[x]))
      lines.push(
        row(
          `${kind} ${t}`,
          first.byTable[t] ?? 0,
          last.byTable[t],
          compacted?.byTable[t],
        ),
      );
  const total = (bytes: StorageBytes | undefined, ...k: Kind[]) =>
    bytes ? bytesOfKind(bytes, ...k) : undefined;
  lines.push(
    row(
      'snapshot tables',
      total(first, 'snapshot')!,
      total(last, 'snapshot')!,
      total(compacted, 'snapshot'),
    ),
    row(
      'evidence tables',
      total(first, 'evidence')!,
      total(last, 'evidence')!,
      total(compacted, 'evidence'),
    ),
    row(
      'snapshot + evidence',
      total(first, 'snapshot', 'evidence')!,
      total(last, 'snapshot', 'evidence')!,
      total(compacted, 'snapshot', 'evidence'),
    ),
    row(
      'other jc_ tables',
      total(first, 'other')!,
      total(last, 'other')!,
      total(compacted, 'other'),
    ),
  );
  if (first.freeBytes !== undefined && last.freeBytes !== undefined)
    lines.push(
      row(
        'file free list (not in the above)',
        first.freeBytes,
        last.freeBytes,
        compacted?.freeBytes,
      ),
    );
  return lines;
}

export function figuresOf(report: SyncReport): TableFigures {
  if (!report.tables)
    throw new Error('the sync process reported no table figures');
  return report.tables;
}
