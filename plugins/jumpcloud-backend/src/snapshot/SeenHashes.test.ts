import { createHash } from 'node:crypto';
import { SeenHashes } from './SeenHashes';

const hash = (i: number) =>
  createHash('sha1').update(String(i)).digest('hex').slice(0, 16);

describe('SeenHashes', () => {
  it('finds what was added across chunks, before and after sealing, and nothing else', () => {
    const seen = new SeenHashes();
    for (let i = 0; i < 40_000; i += 2) seen.add(hash(i));
    expect(seen.has(hash(0))).toBe(true);
    expect(seen.has(hash(39_998))).toBe(true);
    expect(seen.has(hash(1))).toBe(false);
    // Added after it was sorted: found too.
    seen.add(hash(1));
    for (let i = 0; i < 40_000; i++) {
      if (seen.has(hash(i)) !== (i % 2 === 0 || i === 1))
        throw new Error(`wrong answer for ${i}`);
    }
  });
});
