import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import stableStringify from 'fast-json-stable-stringify';

/** Canonical JSON: keys sorted at every level, no whitespace. */
export function canonicalJson(value: unknown): string {
  return stableStringify(value);
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The canonical JSON text of a stored population (throws if the bytes are damaged). */
export function unpackPopulation(content: Buffer | Uint8Array): string {
  return gunzipSync(Buffer.from(content)).toString('utf8');
}
