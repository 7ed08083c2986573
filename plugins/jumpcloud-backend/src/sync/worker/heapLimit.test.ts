import { heapLimitFor } from './heapLimit';

describe('heapLimitFor', () => {
  it.each([
    [0, 128],
    [20_000, 128],
    [40_000, 192],
    [41_000, 224],
    [80_000, 384],
    [200_000, 960],
  ])('gives an org of %i devices and users %i MB', (entities, mb) => {
    expect(heapLimitFor(entities)).toBe(mb);
  });
});
