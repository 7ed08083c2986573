import type { EvidenceManifest } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import archiver from 'archiver';
import { stringify } from 'csv-stringify/sync';
import type { Writable } from 'node:stream';
import { csvSafe } from './csvSafe';
import type { EvidenceStore } from './EvidenceStore';
import { POPULATIONS, type PopulationName } from './manifest';

/** Every population of a sealed run, parsed. */
export async function readBundle(
  store: EvidenceStore,
  manifest: EvidenceManifest,
) {
  const populations = {} as Record<
    PopulationName,
    Array<Record<string, unknown>>
  >;
  for (const name of POPULATIONS)
    populations[name] = await store.population(manifest.runId, name);
  return { manifest, populations };
}

/** Flat CSV: one column per top-level field; nested values as JSON. */
export function toCsv(rows: Array<Record<string, unknown>>): string {
  const columns = [...new Set(rows.flatMap(r => Object.keys(r)))].sort();
  if (columns.length === 0) return '';
  const cell = (v: unknown) => {
    if (v === null || v === undefined) return '';
    return csvSafe(typeof v === 'object' ? JSON.stringify(v) : String(v));
  };
  return stringify(
    rows.map(r => columns.map(c => cell(r[c]))),
    { header: true, columns },
  );
}

const README = `JumpCloud evidence bundle

manifest.json   the sealed manifest: connection, organisation, run start/end, counts,
                results summary, sha256 of each population, previousHash and hash.
*.csv           the populations as of the run (nested JumpCloud fields as JSON).

The sha256 values in the manifest are computed over the canonical JSON of each population
(keys sorted, no whitespace), available from the same endpoint with ?format=json.
The manifest hash is the sha256 of the canonical JSON of the manifest without "hash";
each manifest's previousHash is the hash of the connection's previous sealed run.
POST /api/jumpcloud/evidence/verify (or yarn jumpcloud:verify-evidence) recomputes the chain.
`;

/** Writes a zip with manifest.json, README.txt and one CSV per population. */
export async function writeCsvZip(
  store: EvidenceStore,
  manifest: EvidenceManifest,
  out: Writable,
): Promise<void> {
  const { populations } = await readBundle(store, manifest);
  const zip = archiver('zip', { zlib: { level: 6 } });
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('close', resolve);
    zip.on('error', reject);
  });
  zip.pipe(out);
  zip.append(`${JSON.stringify(manifest, null, 2)}\n`, {
    name: 'manifest.json',
  });
  zip.append(README, { name: 'README.txt' });
  const flatManifest = {
    ...manifest,
    counts: manifest.counts,
    resultsSummary: manifest.resultsSummary,
    hashes: manifest.hashes,
  };
  zip.append(toCsv([flatManifest as unknown as Record<string, unknown>]), {
    name: 'manifest.csv',
  });
  for (const name of POPULATIONS)
    zip.append(toCsv(populations[name]), { name: `${name}.csv` });
  await zip.finalize();
  await done;
}
