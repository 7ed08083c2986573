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

/** Rows are encoded into chunks of about this many bytes before each gzip write. */
const CHUNK_BYTES = 1 << 16;

/**
 * UTF-8 bytes of texts appended one after another, handed out a chunk at a
 * time. Each text is encoded as it comes: a chunk gathered as one string
 * by concatenation was a rope of thousands of pieces, which Buffer.from
 * walked character by character once any text was not Latin-1 (a fifth of
 * a seal's evidence time at L).
 */
class Utf8Chunks {
  #chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  #used = 0;

  /** Appends a text; returns the bytes before it when it did not fit with them. */
  append(text: string): Buffer | undefined {
    // At most three UTF-8 bytes per UTF-16 code unit.
    const most = text.length * 3;
    let full: Buffer | undefined;
    if (this.#used + most > this.#chunk.length) {
      full = this.take(most);
    }
    this.#used += this.#chunk.write(text, this.#used, 'utf8');
    return full;
  }

  /** The bytes appended since the last chunk handed out; the next chunk holds at least `room`. */
  take(room = 0): Buffer | undefined {
    const full =
      this.#used > 0 ? this.#chunk.subarray(0, this.#used) : undefined;
    if (full || room > this.#chunk.length)
      this.#chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, room));
    this.#used = 0;
    return full;
  }
}

/**
 * The canonical JSON bytes of an array, one row at a time: exactly the
 * text `canonicalJson(array)` produces (`[`, each element's text or
 * `null`, comma-separated, `]`), so a population never exists whole in
 * memory as objects or as one string.
 */
async function* canonicalArrayBytes(
  rows: PopulationRows,
  counted: { rows: number },
): AsyncGenerator<Buffer> {
  const chunks = new Utf8Chunks();
  chunks.append('[');
  for await (const row of rows) {
    const text =
      row instanceof CanonicalText ? row.text : canonicalJson(row) ?? 'null';
    const full = chunks.append(counted.rows > 0 ? `,${text}` : text);
    counted.rows++;
    if (full) yield full;
  }
  const full = chunks.append(']');
  if (full) yield full;
  const last = chunks.take();
  if (last) yield last;
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
      (async function* hashed() {
        for await (const bytes of canonicalArrayBytes(rows, counted)) {
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
