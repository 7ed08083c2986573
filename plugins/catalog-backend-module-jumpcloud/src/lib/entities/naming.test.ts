import { sanitizeEntityName, shortHash, suffixedName } from './naming';

describe('sanitizeEntityName', () => {
  it.each([
    ['MacBook-Pro.local', 'macbook-pro.local'],
    ["Jane's MacBook Pro (2)", 'jane-s-macbook-pro-2'],
    ['--weird__..name--', 'weird_name'],
    ['Zoë Ünicode', 'zoe-unicode'],
    ['a'.repeat(80), 'a'.repeat(63)],
  ])('%s → %s', (raw, expected) => {
    expect(sanitizeEntityName(raw)).toBe(expected);
  });

  it('gives up on nothing usable', () => {
    expect(sanitizeEntityName('')).toBeUndefined();
    expect(sanitizeEntityName(null)).toBeUndefined();
    expect(sanitizeEntityName('日本語')).toBeUndefined();
    expect(sanitizeEntityName('---')).toBeUndefined();
  });

  it('never ends a capped name on a separator', () => {
    const name = sanitizeEntityName(`${'a'.repeat(62)}-b`)!;
    expect(name).toBe('a'.repeat(62));
    expect(name).toMatch(/^[a-z0-9]+([-_.][a-z0-9]+)*$/);
  });
});

describe('suffixedName', () => {
  it('keeps the result within 63 characters', () => {
    const name = suffixedName('x'.repeat(63), shortHash(['c', 's']));
    expect(name).toHaveLength(63);
    expect(name).toMatch(/^x+-[0-9a-f]{6}$/);
  });

  it('is deterministic', () => {
    expect(shortHash(['a', 'b'])).toBe(shortHash(['a', 'b']));
    expect(shortHash(['a', 'b'])).not.toBe(shortHash(['ab', '']));
  });
});
