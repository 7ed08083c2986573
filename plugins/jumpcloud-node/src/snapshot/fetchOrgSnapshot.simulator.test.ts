import type { StartedSimulator } from '@backstage-jumpcloud/jumpcloud-simulator';
import { SIZES } from '@backstage-jumpcloud/jumpcloud-simulator';
import type { ListSpec } from '../client/paging';
import { clientFor, useSimulator } from '../__testUtils__/simulatorClient';
import type { JcGraphObjectWithPaths } from '../types';
import { SNAPSHOT_DATA_TYPES } from '../types/snapshot';
import { fetchOrgSnapshot } from './fetchOrgSnapshot';

/** True when the simulator serves JumpCloud's v2 `/associations` routes. */
async function servesAssociations(sim: StartedSimulator): Promise<boolean> {
  const group = sim.dataset.orgs.find(o => o.id === sim.orgId)!.userGroups[0];
  const response = await fetch(
    `${sim.url}/api/v2/usergroups/${group.id}/associations?targets=system`,
    { headers: { 'x-api-key': sim.keys.readOnly } },
  );
  return response.status === 200;
}

const liveIds = (sim: StartedSimulator) => {
  const org = sim.dataset.orgs.find(o => o.id === sim.orgId)!;
  return new Set<string>([
    ...org.users.map(u => u._id as string),
    ...org.systems.map(s => s._id as string),
    ...org.userGroups.map(g => g.id as string),
    ...org.systemGroups.map(g => g.id as string),
  ]);
};

describe('fetchOrgSnapshot against the simulator', () => {
  const simulator = useSimulator({
    size: { ...SIZES.S, devices: 150, users: 130 },
  });
  const primaryOrg = () =>
    simulator().dataset.orgs.find(o => o.id === simulator().orgId)!;

  it('reads a whole organisation, every count reconciled', async () => {
    const sim = simulator();
    const associations = await servesAssociations(sim);
    const org = primaryOrg();
    const client = clientFor(sim);
    const progress = new Set<string>();
    const result = await fetchOrgSnapshot(client, {
      onProgress: type => progress.add(type),
    });
    const failed = Object.keys(result.failures);
    expect(failed).toEqual(associations ? [] : ['userSystemBindings']);

    const { snapshot, counts } = result;
    expect(snapshot.organization?._id).toBe(sim.orgId);
    expect(snapshot.systems.map(s => s._id)).toEqual(
      org.systems.map(s => s._id as string).sort(),
    );
    expect(counts.users).toBe(org.users.length);
    expect(counts.admins).toBe(org.admins.length);
    expect(counts.userGroups).toBe(org.userGroups.length);
    expect(counts.systemGroups).toBe(org.systemGroups.length);
    expect(counts.policies).toBe(org.policies.length);
    expect(counts.policyStatuses).toBe(org.policyResults.length);
    expect(counts.applications).toBe(org.applications.length);
    expect(counts.authnPolicies).toBe(org.authnPolicies.length);
    expect(counts.appleMdms).toBe(org.appleMdms.length);
    expect(counts.directoryEvents).toBeGreaterThan(0);

    // Group members: every live member edge, dangling ones accounted apart.
    const live = liveIds(sim);
    const memberEdges = org.edges.filter(
      e => e.kind === 'member' && e.from.type === 'user_group',
    );
    expect(counts.userGroupMembers).toBe(
      memberEdges.filter(e => live.has(e.to.id)).length,
    );
    expect(result.unreturned.userGroupMembers).toBe(
      memberEdges.filter(e => !live.has(e.to.id)).length,
    );

    // System Insights: rows of SI-enabled devices only, per table.
    const enabled = new Set(
      org.systems
        .filter(
          s => (s.systemInsights as { state?: string })?.state === 'enabled',
        )
        .map(s => s._id as string),
    );
    const systemInfo = snapshot.systemInsights.system_info ?? [];
    expect(systemInfo.length).toBe(enabled.size);
    expect(systemInfo.every(row => enabled.has(row.system_id))).toBe(true);

    // The plan: what it did vs its minimum (gap requests for dangling records only).
    const planned = Object.values(result.plan).reduce(
      (sum, entry) => sum + (entry?.requests ?? 0),
      0,
    );
    expect(result.minimalRequests).toBeGreaterThan(20);
    expect(planned).toBeGreaterThanOrEqual(result.minimalRequests);
    expect(planned).toBeLessThanOrEqual(result.minimalRequests * 1.2);
    expect(result.requests).toBeGreaterThanOrEqual(planned);
    expect(client.stats.retries).toBe(0);
    expect([...progress]).toEqual(expect.arrayContaining(['systems', 'users']));
    for (const type of Object.keys(result.plan)) {
      expect(SNAPSHOT_DATA_TYPES).toContain(type);
    }
  });

  it('hands bulk rows to the row sinks page by page, in order, instead of keeping them', async () => {
    const sim = simulator();
    const inMemory = await fetchOrgSnapshot(clientFor(sim));
    const handed: Record<string, unknown[]> = {};
    const pages: number[] = [];
    const statuses: unknown[] = [];
    const bindings: unknown[] = [];
    const systems: Array<{ _id: string }> = [];
    const users: Array<{ _id: string }> = [];
    const streamed = await fetchOrgSnapshot(clientFor(sim), {
      rowSinks: {
        systems: async rows => {
          systems.push(...rows);
        },
        users: async rows => {
          users.push(...rows);
        },
        systemInsights: async (table, rows) => {
          pages.push(rows.length);
          (handed[table] ??= []).push(...rows);
        },
        policyStatuses: async rows => {
          statuses.push(...rows);
        },
        userSystemBindings: async rows => {
          bindings.push(...rows);
        },
      },
    });
    expect(streamed.failures).toEqual({});
    expect(pages.length).toBeGreaterThan(0);
    const tables = Object.keys(inMemory.snapshot.systemInsights).sort();
    expect(Object.keys(streamed.snapshot.systemInsights).sort()).toEqual(
      tables,
    );
    for (const table of tables) {
      expect(streamed.snapshot.systemInsights[table as 'apps']).toEqual([]);
      expect(handed[table] ?? []).toEqual(
        inMemory.snapshot.systemInsights[table as 'apps'],
      );
    }
    expect(streamed.counts.systemInsights).toBe(inMemory.counts.systemInsights);
    expect(streamed.counts.systemInsights).toBeGreaterThan(0);

    // Policy statuses arrive per policy, concurrently: same rows, any order.
    const key = (s: any) => `${s.policyID}/${s.systemID}/${s.id}`;
    expect(streamed.snapshot.policyStatuses).toEqual([]);
    expect(statuses.map(key).sort()).toEqual(
      inMemory.snapshot.policyStatuses.map(key).sort(),
    );
    expect(streamed.counts.policyStatuses).toBe(statuses.length);
    expect(statuses.length).toBeGreaterThan(0);

    // Devices and users: each once, in list order.
    expect(streamed.snapshot.systems).toEqual([]);
    expect(streamed.snapshot.users).toEqual([]);
    expect(systems).toEqual(inMemory.snapshot.systems);
    expect(users).toEqual(inMemory.snapshot.users);
    expect(systems.length).toBeGreaterThan(0);
    expect(streamed.counts.systems).toBe(systems.length);
    expect(streamed.counts.users).toBe(users.length);

    expect(streamed.snapshot.userSystemBindings).toEqual([]);
    expect(bindings).toEqual(inMemory.snapshot.userSystemBindings);
    expect(streamed.counts.userSystemBindings).toBe(bindings.length);
    expect(bindings.length).toBeGreaterThan(0);
    // The access graph answers per device what the bindings say.
    const systemId = inMemory.snapshot.userSystemBindings[0].systemId;
    expect(streamed.access!.ofSystem(systemId)).toEqual(
      inMemory.snapshot.userSystemBindings.filter(b => b.systemId === systemId),
    );
  });

  it.each([
    ['systemInsights', ['systemInsights']],
    ['policyStatuses', ['policyStatuses']],
    ['userSystemBindings', ['userSystemBindings']],
    // Direct device access is read per device: it needs the device list.
    ['systems', ['systems', 'userSystemBindings']],
    ['users', ['users', 'userSystemBindings']],
  ] as const)(
    'reports a failing %s sink as a failure of %j only',
    async (dataType, failed) => {
      const result = await fetchOrgSnapshot(clientFor(simulator()), {
        rowSinks: {
          [dataType]: async () => {
            throw new Error('store unavailable');
          },
        },
      });
      expect(Object.keys(result.failures).sort()).toEqual([...failed].sort());
    },
  );

  it('computes device access equal to JumpCloud traversal, per group not per user', async () => {
    const sim = simulator();
    if (!(await servesAssociations(sim))) {
      // eslint-disable-next-line no-console
      console.log(
        'skipped: the simulator does not serve /api/v2/*/associations yet',
      );
      return;
    }
    const client = clientFor(sim);
    const { snapshot, failures } = await fetchOrgSnapshot(client);
    expect(failures).toEqual({});
    const expected: string[] = [];
    for (const user of snapshot.users) {
      const spec: ListSpec<JcGraphObjectWithPaths> = {
        path: `/api/v2/users/${user._id}/systems`,
        envelope: 'v2',
        orgScoped: true,
        pageSize: 100,
        capability: 'bindings',
      };
      for (const system of (await client.collect(spec)).items) {
        expected.push(`${user._id}:${system.id}`);
      }
    }
    const actual = snapshot.userSystemBindings.map(
      b => `${b.userId}:${b.systemId}`,
    );
    expect(actual.sort()).toEqual(expected.sort());
    expect(snapshot.userSystemBindings.some(b => !b.viaGroup)).toBe(true);
    expect(snapshot.userSystemBindings.some(b => b.sudo?.enabled)).toBe(true);
  });

  it('accounts for data that changes while it is paged: no failure, nothing lost', async () => {
    const sim = simulator();
    const before = new Set(primaryOrg().systems.map(s => s._id as string));
    let mutated = false;
    const systems: string[] = [];
    const result = await fetchOrgSnapshot(
      clientFor(sim, { maxConcurrency: 1 }),
      {
        rowSinks: {
          systems: async rows => {
            for (const row of rows) systems.push(row._id);
          },
        },
        onProgress: (type, fetched) => {
          if (type === 'systems' && fetched >= 100 && !mutated) {
            mutated = true;
            sim.control.mutate(30);
          }
        },
      },
    );
    expect(mutated).toBe(true);
    const failed = Object.keys(result.failures).filter(
      type => type !== 'userSystemBindings',
    );
    expect(failed).toEqual([]);
    expect(new Set(systems).size).toBe(systems.length);
    const kept = primaryOrg()
      .systems.map(s => s._id as string)
      .filter(id => before.has(id));
    expect(kept.filter(id => !systems.includes(id))).toEqual([]);
    sim.control.reset();
  });
});
