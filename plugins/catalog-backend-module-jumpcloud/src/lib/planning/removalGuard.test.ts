import { checkRemovalGuard } from './removalGuard';

describe('checkRemovalGuard', () => {
  const settings = { maxShare: 0.2, minimumCount: 0 };

  it('allows up to the share', () => {
    expect(checkRemovalGuard(100, 20, settings)).toEqual({
      allowed: true,
      share: 0.2,
    });
    expect(checkRemovalGuard(0, 0, settings).allowed).toBe(true);
  });

  it('refuses more than the share and says why', () => {
    const verdict = checkRemovalGuard(100, 21, settings);
    expect(verdict.allowed).toBe(false);
    expect(verdict.reason).toContain('21 of 100');
    expect(verdict.reason).toContain('20%');
    expect(verdict.reason).toContain('removalGuard.maxShare');
  });

  it('always allows removals up to the minimum count', () => {
    expect(
      checkRemovalGuard(4, 2, { maxShare: 0.2, minimumCount: 2 }).allowed,
    ).toBe(true);
    expect(
      checkRemovalGuard(4, 3, { maxShare: 0.2, minimumCount: 2 }).allowed,
    ).toBe(false);
  });
});
