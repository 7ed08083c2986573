import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { canonicalJson } from './canonical';

/**
 * A row already in canonical JSON, as the store keeps devices and users:
 * packed as it is, without parsing it and writing it again.
 */
export class CanonicalText {
  constructor(readonly text: string) {}
}

/** Rows of a population, from memory or paged from the database. */
export type PopulationRows = Iterable<unknown> | AsyncIterable<unknown>;

export interface PackedPopulation {
  sha256: string;
  content: Buffer;
  rowCount: number;
}

/** Row texts are gathered to about this size before each gzip write. */
const CHUNK_CHARS = 1 << 16;

/**
 * The canonical JSON text of an array, one row at a time: exactly the text
 * `canonicalJson(array)` produces (`[`, each element's text or
 * `null`, comma-separated, `]`), so a population never exists whole in
 * memory as objects or as one string.
 */
async function* canonicalArrayText(
  rows: PopulationRows,
  counted: { rows: number },
): AsyncGenerator<string> {
  let text = '[';
  for await (const row of rows) {
    if (counted.rows > 0) text += ',';
    text +=
      row instanceof CanonicalText ? row.text : canonicalJson(row) ?? 'null';
    counted.rows++;
    if (text.length >= CHUNK_CHARS) {
      yield text;
      text = '';
    }
  }
  yield `${text}]`;
}

/**
 * Packs a population as it is read: canonical JSON → sha256 (of the text) and
 * gzip (of the same bytes). Same hash and same gunzipped text as packing the
 * whole array at once, so sealed chains verify either way.
 */
export async function packPopulationStream(
  rows: PopulationRows,
): Promise<PackedPopulation> {
  const hash = createHash('sha256');
  const counted = { rows: 0 };
  const compressed: Buffer[] = [];
  await pipeline(
    Readable.from(
      (async function* utf8() {
        for await (const text of canonicalArrayText(rows, counted)) {
          const bytes = Buffer.from(text, 'utf8');
          hash.update(bytes);
          yield bytes;
        }
      })(),
    ),
    createGzip(),
    async (gzipped: AsyncIterable<Buffer>) => {
      for await (const chunk of gzipped) compressed.push(chunk);
    },
  );
  return {
    sha256: hash.digest('hex'),
    content: Buffer.concat(compressed),
    rowCount: counted.rows,
  };
}
