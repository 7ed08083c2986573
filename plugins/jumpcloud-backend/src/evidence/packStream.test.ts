import { createHash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';
import { unpackPopulation } from './canonical';
import { packPopulationStream } from './packStream';

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

describe('packPopulationStream', () => {
  const rows: unknown[] = [
    { b: 1, a: { z: [3, { y: 'é', x: null }], w: undefined } },
    undefined,
    null,
    'text with "quotes" and \u2028 and 🙂',
    Number.NaN,
    new Date('2026-01-02T03:04:05Z'),
    [1, undefined, () => 1],
    { nested: { toJSON: () => ({ k: 'v' }) } },
    ...Array.from({ length: 5000 }, (_, i) => ({ i, name: `row ${i}` })),
    // Text past Latin-1 (three and four UTF-8 bytes a character), and rows
    // larger than a chunk.
    ...Array.from({ length: 3000 }, (_, i) => ({
      i,
      name: `Zoë’s Mac ${i} 🙂`,
    })),
    { big: '’'.repeat(70_000) },
    'x'.repeat(200_000),
    { after: 'the big rows' },
  ];

  it.each([
    ['empty', []],
    ['one row', [{ a: 1 }]],
    ['odd rows past the chunk size', rows],
  ])(
    'emits exactly the canonical text of the whole array: %s',
    async (_, list) => {
      const expected = stableStringify(list);
      const packed = await packPopulationStream(list);
      expect(unpackPopulation(packed.content)).toBe(expected);
      expect(packed.sha256).toBe(sha256(expected));
      expect(packed.rowCount).toBe(list.length);
    },
  );

  it('reads async rows (database pages) the same way', async () => {
    async function* paged() {
      for (const row of rows) yield row;
    }
    const packed = await packPopulationStream(paged());
    expect(packed.sha256).toBe(sha256(stableStringify(rows)));
  });
});
