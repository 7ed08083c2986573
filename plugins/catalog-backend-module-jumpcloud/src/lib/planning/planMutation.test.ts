import type { Entity } from '@backstage/catalog-model';
import type { BuiltEntity } from '../entities/builtEntities';
import { planConnectionMutation, toPlanned } from './planMutation';

function device(name: string, title = name): BuiltEntity {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, title },
    spec: { type: 'device', owner: 'group:default/it' },
  };
  return {
    sourceKey: `system:${name}`,
    kind: 'resource',
    baseName: name,
    assignedName: name,
    entity,
  };
}

const guard = { maxShare: 0.2, minimumCount: 0 };
const strip = (items: BuiltEntity[]) =>
  items.map(toPlanned).map(({ entity: _e, ...row }) => row);

describe('planConnectionMutation', () => {
  const ten = Array.from({ length: 10 }, (_, i) => device(`d${i}`));

  it('writes everything the first time', () => {
    const plan = planConnectionMutation({ previous: [], built: ten, guard });
    expect(plan.upserts).toHaveLength(10);
    expect(plan.removals).toHaveLength(0);
  });

  it('writes only changed entities afterwards', () => {
    const next = [...ten.slice(0, 9), device('d9', 'renamed'), device('d10')];
    const plan = planConnectionMutation({
      previous: strip(ten),
      built: next,
      guard,
    });
    expect(plan.upserts.map(u => u.entityRef)).toEqual([
      'resource:default/d9',
      'resource:default/d10',
    ]);
    expect(plan.unchanged).toBe(9);
  });

  it('removes what a snapshot lacks within the share', () => {
    const plan = planConnectionMutation({
      previous: strip(ten),
      built: ten.slice(0, 8),
      guard,
    });
    expect(plan.removals.map(r => r.entityRef)).toEqual([
      'resource:default/d8',
      'resource:default/d9',
    ]);
    expect(plan.next).toHaveLength(8);
  });

  it('holds removals above the share and keeps them in the state', () => {
    const plan = planConnectionMutation({
      previous: strip(ten),
      built: [...ten.slice(0, 7), device('d0', 'changed')].slice(1),
      guard,
    });
    expect(plan.removals).toHaveLength(0);
    expect(plan.heldRemovals).toHaveLength(3);
    expect(plan.upserts.map(u => u.entityRef)).toEqual(['resource:default/d0']);
    expect(plan.next).toHaveLength(10);
    expect(plan.guardReason).toContain('3 of 10');
  });

  it('does not count kinds the operator chose to drop', () => {
    const users = strip([device('u1'), device('u2'), device('u3')]).map(
      row => ({ ...row, kind: 'user' as const }),
    );
    const plan = planConnectionMutation({
      previous: [...strip(ten.slice(0, 2)), ...users],
      built: ten.slice(0, 2),
      guard,
      unguardedKinds: new Set(['user']),
    });
    expect(plan.removals).toHaveLength(3);
    expect(plan.heldRemovals).toHaveLength(0);
  });
});
