import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import stableStringify from 'fast-json-stable-stringify';

/** Keys V8 lists first, in numeric order, whatever the insertion order. */
const INTEGER_LIKE = /^(?:0|[1-9]\d*)$/;

/** A value `JSON.stringify` cannot be made to write canonically. */
const UNORDERABLE = Symbol('unorderable');

function isPlainObject(node: object): boolean {
  const proto = Object.getPrototypeOf(node);
  return proto === Object.prototype || proto === null;
}

/**
 * The value with every object's keys in sorted order (the value itself
 * when they already are, a copy otherwise), so that `JSON.stringify`
 * writes the canonical text; UNORDERABLE where it could not (integer-like
 * or `__proto__` keys, objects other than plain ones and arrays, a toJSON
 * that returns something with a toJSON of its own).
 */
function ordered(node: unknown, jsonDone = false): unknown {
  if (typeof (node as any)?.toJSON === 'function')
    // The library calls toJSON once per value; JSON.stringify would call
    // the result's own again.
    return jsonDone ? UNORDERABLE : ordered((node as any).toJSON(), true);
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < node.length; i++) {
      const value = ordered(node[i]);
      if (value === UNORDERABLE) return UNORDERABLE;
      if (value !== node[i]) (copy ??= node.slice())[i] = value;
    }
    return copy ?? node;
  }
  if (!isPlainObject(node)) return UNORDERABLE;
  const source = node as Record<string, unknown>;
  const keys = Object.keys(source);
  let inOrder = true;
  let changed = false;
  const values: unknown[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (INTEGER_LIKE.test(key) || key === '__proto__') return UNORDERABLE;
    if (i > 0 && keys[i - 1] > key) inOrder = false;
    const original = source[key];
    const value = ordered(original);
    if (value === UNORDERABLE) return UNORDERABLE;
    if (value !== original) changed = true;
    values[i] = value;
  }
  if (inOrder && !changed) return node;
  const index = new Map(keys.map((key, i) => [key, i]));
  const copy: Record<string, unknown> = {};
  for (const key of keys.sort()) {
    const value = values[index.get(key)!];
    // Written by neither; a function under `toJSON` would be called.
    if (typeof value !== 'function') copy[key] = value;
  }
  return copy;
}

/**
 * Canonical JSON: keys sorted at every level, no whitespace. Exactly the
 * text of `fast-json-stable-stringify`, which sealed evidence was and is
 * hashed as; written by the engine's own `JSON.stringify` wherever keys
 * can be put in order (several times faster on a large population), by
 * the library otherwise. Undefined for undefined, as both give.
 */
export function canonicalJson(value: unknown): string {
  const prepared = ordered(value);
  return prepared === UNORDERABLE
    ? stableStringify(value)
    : JSON.stringify(prepared);
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The canonical JSON text of a stored population (throws if the bytes are damaged). */
export function unpackPopulation(content: Buffer | Uint8Array): string {
  return gunzipSync(Buffer.from(content)).toString('utf8');
}
