import {
  SIZES,
  type OrgData,
  type StartedSimulator,
} from '@backstage-jumpcloud/jumpcloud-simulator';
import type { JcDirectoryEvent, JcSystemInsightsRow } from '../types';
import { fetchOrgSnapshot } from '../snapshot/fetchOrgSnapshot';
import { clientFor, useSimulator } from '../__testUtils__/simulatorClient';
import {
  groupMembersSpec,
  systemInsightsSpec,
  systemsSpec,
} from './collections';
import { collectAll, ReadSummary } from './paging';

/** Changes the primary organisation's data in place, as JumpCloud's would change. */
function changeOrg(sim: StartedSimulator, change: (data: OrgData) => void) {
  const index = sim.dataset.index.get(sim.orgId)!;
  change(index.data);
  index.rebuild();
}

/** A device's rows in a canonical form (rows have no id, their order is free). */
const canonical = (rows: JcSystemInsightsRow[]) =>
  rows.map(row => JSON.stringify(row)).sort();

function rowsByDevice(rows: JcSystemInsightsRow[]) {
  const byDevice = new Map<string, JcSystemInsightsRow[]>();
  for (const row of rows) {
    const id = String(row.system_id);
    byDevice.set(id, [...(byDevice.get(id) ?? []), row]);
  }
  return byDevice;
}

// Each case pages a simulated organisation over HTTP: seconds on a busy
// 2-core machine, beyond Jest's 5 s default.
jest.setTimeout(30_000);

describe('totals that move while a collection is paged', () => {
  // 250 devices: three v1 pages; "All Users" has 120 members: two pages.
  const simulator = useSimulator({
    size: { ...SIZES.S, devices: 250, users: 120 },
  });
  const primaryOrg = () =>
    simulator().dataset.orgs.find(o => o.id === simulator().orgId)!;
  afterEach(() => simulator().control.reset());

  it('reads again the range that objects deleted mid-read moved back, and loses nothing', async () => {
    const sim = simulator();
    const ids = primaryOrg()
      .systems.map(s => s._id as string)
      .sort();
    const client = clientFor(sim, { maxConcurrency: 1 });
    let deleted = false;
    const { items, summary } = await collectAll(
      client.pages(systemsSpec(['_id']), {
        prefetch: 1,
        onProgress: () => {
          if (deleted) return;
          deleted = true;
          // Five devices of the first page go: every later device moves
          // five places back, past the edge of the page read next.
          const gone = new Set(ids.slice(0, 5));
          changeOrg(sim, data => {
            data.systems = data.systems.filter(s => !gone.has(s._id as string));
          });
        },
      }),
    );
    const read = items.map(s => s._id);
    expect(new Set(read).size).toBe(read.length);
    expect(read.sort()).toEqual(ids);
    expect(summary.mismatch).toBeUndefined();
    expect(summary.moved).toEqual({ from: 250, to: 245 });
    // Three planned pages, and a few asked again where the ranges did not join.
    expect(summary.pages).toBeGreaterThan(3);
    expect(summary.pages).toBeLessThanOrEqual(5);
  });

  it('reads on to the new end when objects are created mid-read', async () => {
    const sim = simulator();
    const before = new Set(primaryOrg().systems.map(s => s._id as string));
    const client = clientFor(sim, { maxConcurrency: 1 });
    let mutated = false;
    const { items, summary } = await collectAll(
      client.pages(systemsSpec(['_id']), {
        prefetch: 1,
        onProgress: () => {
          if (!mutated) {
            mutated = true;
            // Check-ins, a few new devices (newest ids: at the end), a few deleted.
            sim.control.mutate(40);
          }
        },
      }),
    );
    const read = new Set(items.map(s => s._id));
    expect(read.size).toBe(items.length);
    const after = primaryOrg().systems.map(s => s._id as string);
    // Every device there at the end was read, the new ones included.
    expect(after.filter(id => !read.has(id))).toEqual([]);
    expect(after.some(id => !before.has(id))).toBe(true);
    expect(summary.mismatch).toBeUndefined();
    expect(summary.moved).toBeDefined();
  });

  it('reads an unordered list again when its total moves, each member once', async () => {
    const sim = simulator();
    const allUsers = primaryOrg().userGroups.find(g => g.name === 'All Users')!;
    const client = clientFor(sim, { maxConcurrency: 1 });
    const spec = groupMembersSpec('usergroups', allUsers.id as string);
    const members = () =>
      sim.dataset.index.get(sim.orgId)!.membersOf.get(allUsers.id as string)!;
    const initial = members().map(edge => edge.to.id);
    expect(initial.length).toBeGreaterThan(100);
    let removed: string | undefined;
    const { items, summary } = await collectAll(
      client.pages(spec, {
        prefetch: 1,
        onProgress: () => {
          if (removed) return;
          // The first member leaves the group: the second page moves back
          // by one, and a member would be skipped.
          const edge = members()[0];
          removed = edge.to.id;
          changeOrg(sim, data => {
            data.edges = data.edges.filter(e => e !== edge);
          });
        },
      }),
    );
    const read = items.map(edge => edge.to.id);
    expect(new Set(read).size).toBe(read.length);
    const remaining = members().map(edge => edge.to.id);
    expect(remaining.filter(id => !read.includes(id))).toEqual([]);
    expect(summary.mismatch).toBeUndefined();
    expect(summary.moved).toEqual({
      from: initial.length,
      to: initial.length - 1,
    });
  });

  it('fails only when objects are really lost: a range that never comes back', async () => {
    const sim = simulator();
    // Every page but the last comes back with a single device, however
    // often it is asked for.
    sim.control.addFault({
      type: 'shortPages',
      pathPrefix: '/api/systems',
      dropItems: 99,
      times: 0,
    });
    const client = clientFor(sim);
    const result = await client.collect(systemsSpec(['_id']));
    expect(result.mismatch?.kind).toBe('count_mismatch');
    expect(result.mismatch?.message).toMatch(/could not be read/);
    expect(result.items.length).toBeLessThan(250);
  });

  describe('System Insights (sorted on system_id, not unique)', () => {
    const table = 'apps';
    const sim = () => simulator();
    const tableRows = () =>
      sim().dataset.index.get(sim().orgId)!.systemInsights.rows(table);
    const deviceIds = () => primaryOrg().systems.map(s => s._id as string);

    it('reads every device whole and once, asking again only for page-edge devices', async () => {
      const expected = rowsByDevice(tableRows() as JcSystemInsightsRow[]);
      const pageSize = 2_000;
      const planned = Math.ceil(tableRows().length / pageSize);
      expect(planned).toBeGreaterThan(3);
      const client = clientFor(sim());

      // The trap: paged on system_id alone, rows tied on it come in another
      // order on each page, so rows are repeated and others missed while
      // the count still reconciles.
      const naive = await client.collect({
        ...systemInsightsSpec(table),
        pageSize,
      });
      const naiveRows = new Set(naive.items.map(row => JSON.stringify(row)));
      expect(naive.mismatch).toBeUndefined();
      expect(naiveRows.size).toBeLessThan(naive.items.length);

      const { items, summary } = await collectAll(
        client.systemInsightsPages(table, {
          pageSize,
          systemIds: deviceIds(),
        }),
      );
      const read = rowsByDevice(items);
      expect([...read.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [id, rows] of expected) {
        expect(canonical(read.get(id)!)).toEqual(canonical(rows));
      }
      expect(summary.mismatch).toBeUndefined();
      expect(summary.total).toBe(tableRows().length);
      // Only the page-edge devices (and listed devices without rows
      // between two pages) are asked for again, several in one request.
      expect(summary.pages).toBeGreaterThan(planned);
      expect(summary.pages).toBeLessThanOrEqual(
        planned + Math.ceil(planned / 3),
      );
    });

    it('takes each device from one answer while the table is rewritten mid-read', async () => {
      const before = rowsByDevice(tableRows() as JcSystemInsightsRow[]);
      const systemIds = deviceIds();
      const client = clientFor(sim(), { maxConcurrency: 1 });
      let mutated = false;
      const { items, summary } = await collectAll(
        client.systemInsightsPages(table, {
          pageSize: 2_000,
          prefetch: 1,
          systemIds,
          onProgress: () => {
            if (!mutated) {
              mutated = true;
              // Agents report: 40% of the devices' rows are rewritten
              // (other row counts), a few devices come and go.
              sim().control.mutate(40);
            }
          },
        }),
      );
      expect(mutated).toBe(true);
      const after = rowsByDevice(tableRows() as JcSystemInsightsRow[]);
      const read = rowsByDevice(items);
      const devices = new Set([...before.keys(), ...after.keys()]);
      let rewritten = 0;
      const missing: string[] = [];
      for (const id of devices) {
        const got = canonical(read.get(id) ?? []);
        const old = canonical(before.get(id) ?? []);
        const now = canonical(after.get(id) ?? []);
        if (JSON.stringify(old) !== JSON.stringify(now)) rewritten += 1;
        // Whole, from one moment: either version, never a mix or a repeat.
        expect([old, now]).toContainEqual(got);
        // A listed device with rows before and after is never missing.
        const listed = systemIds.includes(id);
        if (listed && now.length > 0 && old.length > 0 && got.length === 0) {
          missing.push(id);
        }
      }
      expect(missing).toEqual([]);
      expect(rewritten).toBeGreaterThan(10);
      expect(summary.mismatch).toBeUndefined();
      expect(summary.moved).toBeDefined();
    });

    it('cannot prove a moving table complete without the device list, and says so', async () => {
      const client = clientFor(sim(), { maxConcurrency: 1 });
      let mutated = false;
      const { summary } = await collectAll(
        client.systemInsightsPages(table, {
          pageSize: 2_000,
          prefetch: 1,
          onProgress: () => {
            if (!mutated) {
              mutated = true;
              sim().control.mutate(40);
            }
          },
        }),
      );
      expect(summary.moved).toBeDefined();
      expect(summary.mismatch?.kind).toBe('count_mismatch');
      expect(summary.mismatch?.message).toMatch(/device list/);
    });
  });

  it('accepts Directory Insights events arriving while the window is read', async () => {
    const s = simulator();
    const client = clientFor(s);
    const start = new Date(s.dataset.nowMs - 30 * 86_400_000).toISOString();
    const end = new Date(s.dataset.nowMs + 3_600_000).toISOString();
    const original = primaryOrg().events.filter(
      e => (e.timestamp as string) >= start,
    ).length;
    // Events arrive between the count and the page (both answered 400 ms
    // late; the events arrive while the page waits).
    s.control.addFault({
      type: 'slow',
      delayMs: 400,
      pathPrefix: '/insights/directory/v1/events',
      times: 2,
    });
    const template = primaryOrg().events[0];
    setTimeout(() => {
      for (let i = 0; i < 3; i++) {
        primaryOrg().events.push({
          ...template,
          id: `arrived-${i}`,
          timestamp: new Date(s.dataset.nowMs + 60_000 + i).toISOString(),
        });
      }
    }, 600);
    const reader = client.directoryEventPages({
      startTime: start,
      endTime: end,
    });
    const { items, summary } = (await collectAll(reader)) as {
      items: JcDirectoryEvent[];
      summary: ReadSummary;
    };
    expect(items).toHaveLength(original + 3);
    expect(summary.mismatch).toBeUndefined();
    expect(summary.moved).toEqual({ from: original, to: original + 3 });
  });
});

describe('a whole organisation read while it churns (simulator churn profile)', () => {
  // Per page served: users created (3) and deleted (2), the System Insights
  // rows of 2 devices rewritten, 5 Directory Insights events arriving.
  const simulator = useSimulator({
    size: { ...SIZES.S, devices: 250, users: 450 },
    profile: 'churn',
  });

  it('reads every data type whole, each object once, with few extra requests', async () => {
    const sim = simulator();
    const org = () => sim.dataset.orgs.find(o => o.id === sim.orgId)!;
    const before = new Set(org().users.map(u => u._id as string));
    const users: string[] = [];
    const result = await fetchOrgSnapshot(clientFor(sim), {
      rowSinks: {
        users: async rows => {
          for (const row of rows) users.push(row._id);
        },
      },
    });
    expect(result.failures).toEqual({});
    expect(new Set(users).size).toBe(users.length);
    const kept = org()
      .users.map(u => u._id as string)
      .filter(id => before.has(id));
    expect(kept.filter(id => !users.includes(id))).toEqual([]);
    // Overlapping pages absorb the users deleted between two pages; the
    // lists without order (members) are read again when their total moved.
    expect(result.plan.users!.requests).toBeLessThanOrEqual(
      result.plan.users!.minimalRequests + 2,
    );
    expect(result.requests).toBeLessThanOrEqual(result.minimalRequests * 1.15);
  }, 30_000);
});
