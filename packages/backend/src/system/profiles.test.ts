import {
  startSimulator,
  type SimulatorOptions,
} from '@backstage-jumpcloud/jumpcloud-simulator';
import type { Server } from 'node:http';
import request from 'supertest';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import {
  API,
  allFindings,
  createConnection,
  getJson,
  settledCatalog,
  syncAndWait,
  type RunView,
} from './__testUtils__/jumpcloudApi';
import { callers, startSystemBackend } from './__testUtils__/systemBackend';

jest.setTimeout(300_000);

const { databases, ids } = createTestDatabases({ suite: 'profiles.test.ts' });

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

const SIZE = { devices: 14, users: 40, groups: 4, policies: 3, events: 60 };
/** The client's rate; the throttled profile's real limit is a third of it. */
const CLIENT_RATE = 30;

interface ProfileCase {
  name: string;
  simulator: SimulatorOptions;
  /** The connection's credential (and tenant) in this simulator. */
  connect(sim: Simulator): Promise<Record<string, unknown>>;
  /** Data types the run must report as not read, with their state. */
  missing: Record<string, string>;
  /** Checks that could not be evaluated for want of that data. */
  unevaluated: string[];
  /** What the run must have brought to Assets and the catalog; default: what JumpCloud holds after it. */
  expected?(
    run: RunView,
    sim: Simulator,
  ): Promise<{ devices: number; users: number }>;
}

/** An MSP key's tenants, read page by page as JumpCloud serves them. */
async function tenantsOf(sim: Simulator, key: string): Promise<string[]> {
  const tenants: string[] = [];
  for (let skip = 0; ; skip += 100) {
    const res = await fetch(
      `${sim.url}/api/organizations?limit=100&skip=${skip}&sort=_id`,
      { headers: { 'x-api-key': key, accept: 'application/json' } },
    );
    const page = (await res.json()) as { results: Array<{ _id: string }> };
    tenants.push(...page.results.map(o => o._id));
    if (page.results.length < 100) return tenants;
  }
}

const CASES: ProfileCase[] = [
  {
    name: '(a) a plan without Directory Insights and Conditional Access (402)',
    simulator: { profile: 'no-premium' },
    connect: async sim => ({ apiKey: sim.keys.readOnly }),
    missing: { directoryEvents: 'not_in_plan', authnPolicies: 'not_in_plan' },
    unevaluated: ['ORG-07', 'USR-04', 'GRP-03'],
  },
  {
    name: '(b) a role with 403 on the admins list and on System Insights',
    simulator: { profile: 'restricted-role' },
    connect: async sim => ({ apiKey: sim.keys.readOnly }),
    missing: { admins: 'not_permitted', systemInsights: 'not_permitted' },
    unevaluated: ['USR-05', 'DEV-18'],
  },
  {
    name: '(c) totals that change between pages (System Insights, users, Directory Insights)',
    // Users over several pages, so users come and go between them.
    simulator: { profile: 'churn', size: { ...SIZE, users: 230 } },
    connect: async sim => ({ apiKey: sim.keys.readOnly }),
    missing: {},
    unevaluated: [],
    // JumpCloud moves on after the read (churn follows every page served):
    // what counts is that everything the run saw arrived, and that it moved.
    expected: async (run, sim) => {
      expect((await jumpCloudTotals(sim)).users).not.toBe(230);
      return { devices: run.counts.systems, users: run.counts.users };
    },
  },
  {
    name: '(d) a rate limit a third of the client rate, 429 without Retry-After',
    simulator: { rateLimit: { perSecond: CLIENT_RATE / 3 } },
    connect: async sim => ({ apiKey: sim.keys.readOnly }),
    missing: {},
    unevaluated: [],
  },
  {
    name: '(e) an MSP key seeing 150 organisations, synced for the 120th',
    simulator: { profile: 'msp-150' },
    connect: async sim => {
      const tenants = await tenantsOf(sim, sim.keys.multiTenant);
      expect(tenants.length).toBeGreaterThanOrEqual(150);
      return { apiKey: sim.keys.multiTenant, orgId: tenants[119] };
    },
    missing: {},
    unevaluated: [],
  },
  {
    name: '(f) a service account',
    simulator: {},
    connect: async sim => ({
      authType: 'serviceAccount',
      clientId: sim.serviceAccount.clientId,
      clientSecret: sim.serviceAccount.clientSecret,
    }),
    missing: {},
    unevaluated: [],
  },
];

/** What JumpCloud itself holds now, read with the simulator's own admin view. */
async function jumpCloudTotals(sim: Simulator, orgId?: string) {
  const key = orgId ? sim.keys.multiTenant : sim.keys.admin;
  const total = async (path: string) => {
    const res = await fetch(`${sim.url}${path}?limit=1`, {
      headers: {
        'x-api-key': key,
        accept: 'application/json',
        ...(orgId ? { 'x-org-id': orgId } : {}),
      },
    });
    return ((await res.json()) as { totalCount: number }).totalCount;
  };
  return {
    devices: await total('/api/systems'),
    users: await total('/api/systemusers'),
  };
}

async function assetsTotal(server: Server, kind: string, connectionId: string) {
  const page = await getJson(
    server,
    `/assets/${kind}?connectionId=${connectionId}&limit=1`,
  );
  return page.totalCount as number;
}

describe.each(ids)('real organisations on %s', databaseId => {
  let backend: Awaited<ReturnType<typeof startSystemBackend>>['backend'];
  let server: Server;
  const simulators = new Map<string, Simulator>();

  beforeAll(async () => {
    for (const c of CASES)
      simulators.set(
        c.name,
        await startSimulator({ seed: 11, size: SIZE, ...c.simulator }),
      );
    ({ backend, server } = await startSystemBackend({
      newDatabase: () => databases.init(databaseId),
      jumpcloud: {
        encryptionSecret: 'profiles-secret-0123456789abcdef',
        allowedHosts: [...simulators.values()].map(
          sim => new URL(sim.url).host,
        ),
        sync: {
          requestsPerSecond: CLIENT_RATE,
          maxConcurrency: 4,
          worker: { enabled: false },
        },
      },
    }));
  });

  afterAll(async () => {
    await backend?.stop();
    for (const sim of simulators.values()) await sim.close();
  });

  it.each(CASES.map(c => [c.name, c] as const))('%s', async (_name, c) => {
    const sim = simulators.get(c.name)!;
    const credential = await c.connect(sim);
    const connectionId = await createConnection(server, {
      name: c.name.slice(0, 3),
      apiUrl: sim.url,
      users: 'ingest',
      ...credential,
    });

    // Test Connection does not say plainly "works" while something is unavailable.
    const tested = await request(server)
      .post(`${API}/connections/${connectionId}/test`)
      .set('authorization', callers.admin());
    expect(tested.status).toBe(200);
    expect(tested.body.ok).toBe(true);
    expect(tested.body.limited).toBe(Object.keys(c.missing).length > 0);

    const run: RunView = await syncAndWait(server, connectionId, 240_000);
    // Every device and user reaches the Assets view and the catalog.
    expect(run.status).toBe('succeeded');
    const totals =
      (await c.expected?.(run, sim)) ??
      (await jumpCloudTotals(sim, credential.orgId as string | undefined));
    expect(await assetsTotal(server, 'devices', connectionId)).toBe(
      totals.devices,
    );
    expect(await assetsTotal(server, 'users', connectionId)).toBe(totals.users);
    const entities = await settledCatalog(server, connectionId);
    const count = (kind: string) =>
      entities.filter(e => e.ref.toLowerCase().startsWith(`${kind}:`)).length;
    expect(count('resource')).toBe(totals.devices);
    expect(count('user')).toBe(totals.users);

    // The run and the connection say precisely what is missing, and why.
    const notRead = Object.fromEntries(
      Object.entries(run.coverage)
        .filter(([, entry]) => entry.state !== 'complete')
        .map(([type, entry]) => [type, entry.state]),
    );
    expect(notRead).toEqual(c.missing);
    const connection = await getJson(server, `/connections/${connectionId}`);
    expect(connection.statusReason).toBeNull();
    expect(connection.status).toBe('healthy');
    for (const [type, state] of Object.entries(c.missing))
      expect(connection.coverage[type].state).toBe(state);
    const posture = await getJson(
      server,
      `/posture?connectionId=${connectionId}`,
    );
    const unevaluated = posture.unevaluatedChecks.map(
      (u: { checkId: string }) => u.checkId,
    );
    expect(unevaluated).toEqual(expect.arrayContaining(c.unevaluated));
    expect(unevaluated.length === 0).toBe(c.unevaluated.length === 0);

    // Findings of the checks that could be evaluated open as usual.
    const findings = await allFindings(server, connectionId);
    expect(findings.length).toBeGreaterThan(0);
    expect(
      findings.filter((f: any) => unevaluated.includes(f.checkId)),
    ).toEqual([]);
  });
});
