import { EntityNameRegistry } from './nameRegistry';

const none = new Map();

describe('EntityNameRegistry', () => {
  it('gives the plain name to the lowest id and suffixes the others', () => {
    const registry = new EntityNameRegistry('c1', new Map());
    const names = registry.assign(
      'resource',
      [
        { sourceKey: 'system:b', base: 'mbp' },
        { sourceKey: 'system:a', base: 'mbp' },
        { sourceKey: 'system:c', base: 'other' },
      ],
      none,
    );
    expect(names.get('system:a')).toBe('mbp');
    expect(names.get('system:b')).toMatch(/^mbp-[0-9a-f]{6}$/);
    expect(names.get('system:c')).toBe('other');
  });

  it('gives the same names whatever the input order', () => {
    const requests = Array.from({ length: 20 }, (_, i) => ({
      sourceKey: `system:${i}`,
      base: `host-${i % 3}`,
    }));
    const a = new EntityNameRegistry('c1', new Map()).assign(
      'resource',
      requests,
      none,
    );
    const b = new EntityNameRegistry('c1', new Map()).assign(
      'resource',
      [...requests].reverse(),
      none,
    );
    expect(b).toEqual(a);
    expect(new Set(a.values()).size).toBe(20);
  });

  it('keeps earlier names stable when a newcomer takes the same base', () => {
    const previous = new Map([['system:z', { base: 'mbp', name: 'mbp' }]]);
    const names = new EntityNameRegistry('c1', new Map()).assign(
      'resource',
      [
        { sourceKey: 'system:a', base: 'mbp' }, // sorts first, but is new
        { sourceKey: 'system:z', base: 'mbp' },
      ],
      previous,
    );
    expect(names.get('system:z')).toBe('mbp');
    expect(names.get('system:a')).not.toBe('mbp');
  });

  it('renames an object whose preferred name changed', () => {
    const previous = new Map([['user:1', { base: 'old', name: 'old' }]]);
    const names = new EntityNameRegistry('c1', new Map()).assign(
      'user',
      [{ sourceKey: 'user:1', base: 'new' }],
      previous,
    );
    expect(names.get('user:1')).toBe('new');
  });

  it('avoids names other connections hold, per kind', () => {
    const taken = new Map([['user', new Set(['jane'])]]);
    const registry = new EntityNameRegistry('c2', taken);
    expect(
      registry
        .assign('user', [{ sourceKey: 'user:1', base: 'jane' }], none)
        .get('user:1'),
    ).toMatch(/^jane-[0-9a-f]{6}$/);
    expect(
      registry
        .assign('group', [{ sourceKey: 'group:1', base: 'jane' }], none)
        .get('group:1'),
    ).toBe('jane');
  });
});
