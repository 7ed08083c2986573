import { heapLimitFor } from './heapLimit';

describe('heapLimitFor', () => {
  it.each([
    [1, 128],
    [20_000, 128],
    [40_000, 192],
    [41_000, 224],
    [80_000, 384],
    [200_000, 960],
  ])('gives an org of %i devices and users %i MB', (entities, mb) => {
    expect(heapLimitFor(entities)).toBe(mb);
  });
});

describe('heapLimitFor before any run counted the org', () => {
  it('gives a first sync room for about 50,000 devices and users', () => {
    expect(heapLimitFor(0)).toBe(heapLimitFor(50_000));
  });
});
