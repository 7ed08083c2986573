import { heapLimitFor } from './heapLimit';

describe('heapLimitFor', () => {
  it.each([
    [0, 128],
    [40_000, 128],
    [41_000, 160],
    [80_000, 256],
    [200_000, 640],
  ])('gives an org of %i devices and users %i MB', (entities, mb) => {
    expect(heapLimitFor(entities)).toBe(mb);
  });
});
