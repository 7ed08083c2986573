import stableStringify from 'fast-json-stable-stringify';
import { canonicalJson } from './canonical';
import { seededRandom } from '../__testUtils__/seededRandom';

const KEYS = [
  'a',
  'B',
  'checkId',
  'entityId',
  'évidence',
  '🙂',
  '',
  ' ',
  'a b',
  '10',
  '2',
  '0',
  '01',
  '-1',
  '1.5',
  '4294967295',
  '__proto__',
  'toJSON',
  'constructor',
];

/** Keys JSON.stringify keeps in insertion order: the engine's fast path. */
const ORDERABLE_KEYS = KEYS.filter(key => !/^(\d+|__proto__)$/.test(key));

const LEAVES: unknown[] = [
  null,
  undefined,
  true,
  false,
  0,
  -0,
  1.5,
  -1e21,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  'text',
  'line\nbreak "quoted" \\ \u2028 \u0000',
  '\ud83d',
  'é🙂',
  new Date('2026-12-07T10:00:00.000Z'),
  () => 1,
  Symbol('s'),
];

/** Random JSON-ish values: plain objects in any key order, arrays with holes, toJSON, boxed and null-prototype objects. */
function valueOf(
  next: () => number,
  depth: number,
  keys: readonly string[] = KEYS,
): unknown {
  const pick = <T>(list: readonly T[]) =>
    list[Math.floor(next() * list.length)];
  const roll = next();
  if (depth > 3 || roll < 0.35) return pick(LEAVES);
  if (roll < 0.55) {
    const list: unknown[] = [];
    const length = Math.floor(next() * 4);
    for (let i = 0; i < length; i++)
      if (next() > 0.1) list[i] = valueOf(next, depth + 1, keys);
    if (next() < 0.1) list.length += 1;
    return list;
  }
  if (roll < 0.6) {
    const replacement = valueOf(next, depth + 1, keys);
    return { ignored: 1, toJSON: () => replacement };
  }
  if (roll < 0.62)
    // Boxed primitives: the library writes their keys, JSON.stringify their value.
    // eslint-disable-next-line no-new-wrappers
    return pick([new String('ab'), new Number(3), new Boolean(false)]);
  const object: Record<string, unknown> =
    roll < 0.65 ? Object.create(null) : {};
  const count = Math.floor(next() * 5);
  for (let i = 0; i < count; i++) {
    const key = pick(keys);
    const value = valueOf(next, depth + 1, keys);
    if (key === '__proto__')
      Object.defineProperty(object, key, {
        value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    else object[key] = value;
  }
  return object;
}

describe('canonicalJson', () => {
  it('writes exactly what fast-json-stable-stringify writes, on 20,000 random values', () => {
    const next = seededRandom(20261207);
    for (let i = 0; i < 20_000; i++) {
      const value = valueOf(next, 0, i % 2 ? KEYS : ORDERABLE_KEYS);
      expect([i, canonicalJson(value)]).toEqual([i, stableStringify(value)]);
    }
  });

  it('sorts keys at every level and leaves its input as it was', () => {
    const row = {
      status: 'fail',
      checkId: 'DEV-01',
      evidence: { z: 1, a: [{ y: 2, x: 1 }] },
    };
    const before = JSON.stringify(row);
    expect(canonicalJson(row)).toBe(
      '{"checkId":"DEV-01","evidence":{"a":[{"x":1,"y":2}],"z":1},"status":"fail"}',
    );
    expect(JSON.stringify(row)).toBe(before);
  });

  it('throws on a cycle, as the library does', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow();
  });
});
