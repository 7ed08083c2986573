import type {
  JumpCloudCheck,
  OrgSnapshot,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import {
  activeUser,
  healthySnapshot,
  linuxDevice,
  macDevice,
  NOW,
  windowsDevice,
  windowsInsights,
} from './__fixtures__/snapshot';
import { runChecksInChunks } from './chunkedRunner';
import { builtInChecks, type RegisteredCheck } from './registry';
import { runChecks } from './runner';
import { bindingsInMemory } from './snapshotIndex';
import { defaultCheckThresholds } from './thresholds';

/** Several devices of every OS, some without rows in some collected tables. */
function mixedOrg(): OrgSnapshot {
  const s = healthySnapshot();
  s.systems = [
    ...s.systems,
    windowsDevice(),
    linuxDevice(),
    macDevice({ _id: 'mac2', hostname: 'mac2' }),
    windowsDevice({ _id: 'win2', hostname: 'win2' }),
  ];
  // A second account with alice's e-mail (USR-10 compares across chunks of
  // users) and a suspended one.
  s.users = [
    ...s.users,
    activeUser({ _id: 'u2', username: 'alice2', employeeIdentifier: 'E2' }),
    activeUser({
      _id: 'u3',
      username: 'carol',
      email: 'carol@example.com',
      employeeIdentifier: 'E3',
      state: 'SUSPENDED',
      suspended: true,
    }),
  ];
  const win = windowsInsights('win1');
  for (const [table, rows] of Object.entries(win))
    s.systemInsights[table as keyof typeof win] = [
      ...(s.systemInsights[table as keyof typeof win] ?? []),
      ...rows!,
    ];
  return s;
}

/** What the store would give back: only the asked devices' rows, per table. */
function storeOf(s: OrgSnapshot) {
  const calls: Array<string[] | null> = [];
  const load = async (ids: string[] | null) => {
    calls.push(ids);
    const wanted = ids && new Set(ids);
    return {
      systemInsights: Object.fromEntries(
        Object.entries(s.systemInsights).map(([table, rows]) => [
          table,
          rows!.filter(r => !wanted || wanted.has(r.system_id)),
        ]),
      ),
      policyStatuses: s.policyStatuses.filter(
        r => !wanted || wanted.has(r.systemID),
      ),
    };
  };
  return { calls, load };
}

async function* pages<T>(items: T[], size: number) {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** The snapshot as a stored run hands it over: bulk rows in the store. */
function storedRun(full: OrgSnapshot, chunkSize: number) {
  return {
    snapshot: {
      ...full,
      systems: [],
      users: [],
      systemInsights: Object.fromEntries(
        Object.keys(full.systemInsights).map(table => [table, []]),
      ),
      policyStatuses: [],
      userSystemBindings: [],
    },
    access: bindingsInMemory(full.userSystemBindings),
    directory: {
      systemIds: new Set(full.systems.map(s => s._id)),
      users: new Map(full.users.map(u => [u._id, u])),
    },
    devices: () => pages(full.systems, chunkSize),
    users: () => pages(full.users, chunkSize),
  };
}

const options = (snapshot: OrgSnapshot, checks: RegisteredCheck[]) => ({
  snapshot,
  connectionId: 'c1',
  orgId: 'org1',
  now: NOW,
  thresholds: defaultCheckThresholds,
  checks,
});

describe('runChecksInChunks', () => {
  it.each([1, 2, 1000])(
    'gives the same results in the same order as runChecks (chunks of %i)',
    async chunkSize => {
      const full = mixedOrg();
      const expected = runChecks(options(full, builtInChecks));
      const { calls, load } = storeOf(full);
      const { snapshot, ...stored } = storedRun(full, chunkSize);
      const actual = await runChecksInChunks({
        ...options(snapshot, builtInChecks),
        ...stored,
        loadDeviceRows: load,
      });
      expect(actual).toEqual(expected);
      expect(
        actual.results.filter(
          r => r.checkId === 'USR-10' && r.status === 'fail',
        ).length,
      ).toBe(2);
      expect(full.policyStatuses.length).toBeGreaterThan(0);
      expect(full.userSystemBindings.length).toBeGreaterThan(0);
      expect(actual.results.length).toBeGreaterThan(100);
      expect(calls).toHaveLength(Math.ceil(full.systems.length / chunkSize));
      expect(calls.every(ids => ids !== null)).toBe(true);
    },
  );

  it('gives custom checks every row and reports a throwing check without its results', async () => {
    const full = mixedOrg();
    const seen: number[] = [];
    const counting: JumpCloudCheck = {
      ...builtInChecks[0],
      id: 'CUSTOM-1',
      *evaluate(ctx) {
        seen.push(
          ctx.snapshot.systems.length,
          ctx.snapshot.users.length,
          ctx.snapshot.systemInsights.programs?.length ?? -1,
          ctx.snapshot.policyStatuses.length,
          ctx.snapshot.userSystemBindings.length,
        );
        yield {
          entityId: 'org1',
          entityName: 'Acme',
          status: 'pass',
          message: 'ok',
        };
      },
    };
    const throwing: JumpCloudCheck = {
      ...builtInChecks[0],
      id: 'CUSTOM-2',
      *evaluate() {
        yield {
          entityId: 'org1',
          entityName: 'Acme',
          status: 'pass',
          message: 'x',
        };
        throw new Error('broken');
      },
    };
    const checks = [...builtInChecks, counting, throwing];
    const expected = runChecks(options(full, checks));
    const { load } = storeOf(full);
    const { snapshot, ...stored } = storedRun(full, 2);
    const actual = await runChecksInChunks({
      ...options(snapshot, checks),
      ...stored,
      loadDeviceRows: load,
    });
    expect(actual).toEqual(expected);
    expect(actual.errors).toEqual([{ checkId: 'CUSTOM-2', message: 'broken' }]);
    const everyRow = [
      full.systems.length,
      full.users.length,
      full.systemInsights.programs!.length,
      full.policyStatuses.length,
      full.userSystemBindings.length,
    ];
    expect(seen).toEqual([...everyRow, ...everyRow]);
  });

  it('reports a device check that throws in a later chunk, without any of its results', async () => {
    const full = mixedOrg();
    const device = builtInChecks.find(c => c.family === 'device')!;
    const original = device.evaluate.bind(device);
    const spy = jest.spyOn(device, 'evaluate').mockImplementation(ctx => {
      if (ctx.snapshot.systems.some(s => s._id === 'win2'))
        throw new Error('chunk failed');
      return original(ctx);
    });
    try {
      const { load } = storeOf(full);
      const actual = await runChecksInChunks({
        ...options(full, builtInChecks),
        loadDeviceRows: load,
        chunkSize: 1,
      });
      expect(spy.mock.calls.length).toBeGreaterThan(1);
      expect(actual.errors).toEqual([
        { checkId: device.id, message: 'chunk failed' },
      ]);
      expect(actual.results.some(r => r.checkId === device.id)).toBe(false);
      expect(actual.results.length).toBeGreaterThan(100);
    } finally {
      spy.mockRestore();
    }
  });
});
