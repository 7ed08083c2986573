import { SIZES } from '@backstage-jumpcloud/jumpcloud-simulator';
import { fetchOrgSnapshot } from '../snapshot/fetchOrgSnapshot';
import { clientFor, useSimulator } from '../__testUtils__/simulatorClient';

describe('a multi-tenant key that sees 150 organisations', () => {
  // The primary organisation and 149 small tenants, all seen by the MSP key.
  const simulator = useSimulator({
    size: { ...SIZES.S, extraOrgs: 149, extraOrgScale: 0.01 },
  });

  it('Test Connection and the organisation list read every organisation', async () => {
    const sim = simulator();
    expect(sim.orgs).toHaveLength(150);
    const client = clientFor(sim, { apiKey: sim.keys.multiTenant });
    const result = await client.testConnection();
    expect(result.ok).toBe(false);
    expect(result.multiTenant).toBe(true);
    expect(result.error?.kind).toBe('org_required');
    expect(result.summary).toBe(
      'This API key sees 150 organisations: choose the one to read.',
    );
    expect(result.organizations.map(org => org.id).sort()).toEqual(
      sim.orgs.map(org => org.id).sort(),
    );
    expect(result.organizations.every(org => org.name)).toBe(true);
    const listed = await client.listOrganizations();
    expect(listed).toHaveLength(150);
  });

  it('tests and syncs a tenant beyond the first 100 (x-org-id)', async () => {
    const sim = simulator();
    // /api/organizations is paged sorted by id: the 121st is on page two.
    const tenant = sim.orgs.map(org => org.id).sort()[120];
    const data = sim.dataset.orgs.find(org => org.id === tenant)!;
    const client = clientFor(sim, {
      apiKey: sim.keys.multiTenant,
      orgId: tenant,
    });
    const result = await client.testConnection();
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.capabilities.devices?.count).toBe(data.systems.length);

    const fetched = await fetchOrgSnapshot(client);
    expect(fetched.snapshot.organization?._id).toBe(tenant);
    expect(fetched.counts.systems).toBe(data.systems.length);
    expect(fetched.counts.users).toBe(data.users.length);
    expect(fetched.failures.systems).toBeUndefined();
    expect(fetched.failures.users).toBeUndefined();
  }, 20_000);
});

describe('Test Connection with capabilities outside the plan or the role', () => {
  const simulator = useSimulator({
    // No Directory Insights nor Conditional Access in the plan (402), and a
    // role that may not read System Insights (403).
    plan: ['systemInsights', 'mdm', 'sso', 'policies'],
    role: { base: 'readOnly', forbidden: ['/api/v2/systeminsights'] },
  });

  it('says the key works with limits, each capability with its state', async () => {
    const result = await clientFor(simulator()).testConnection();
    expect(result.ok).toBe(true);
    expect(result.limited).toBe(true);
    const caps = result.capabilities;
    expect(caps.users).toMatchObject({ ok: true, state: 'available' });
    expect(caps.devices).toMatchObject({ ok: true, state: 'available' });
    expect(caps.directoryInsights).toMatchObject({
      ok: false,
      state: 'not_in_plan',
      error: { kind: 'not_enabled', status: 402 },
    });
    expect(caps.authnPolicies).toMatchObject({
      ok: false,
      state: 'not_in_plan',
    });
    expect(caps.systemInsights).toMatchObject({
      ok: false,
      state: 'not_permitted',
      error: { kind: 'forbidden', status: 403 },
    });
    expect(caps.appleMdms?.state).toBe('available');
    expect(caps.associations?.state).toBe('available');
    expect(result.summary).toBe(
      "The connection works, with limits. System Insights: not permitted for this API key; Directory Insights: not in the organisation's plan; Conditional Access policies: not in the organisation's plan. A sync leaves them out.",
    );
  });

  it('calls a failure that may pass failed, and the key still limited', async () => {
    const sim = simulator();
    sim.control.addFault({
      type: 'status',
      status: 503,
      times: 0,
      pathPrefix: '/api/v2/applemdms',
    });
    const result = await clientFor(sim, { maxRetries: 0 }).testConnection();
    expect(result.ok).toBe(true);
    expect(result.limited).toBe(true);
    expect(result.capabilities.appleMdms).toMatchObject({
      ok: false,
      state: 'failed',
      error: { kind: 'unavailable' },
    });
    expect(result.summary).toMatch(/Apple MDM: failed \(unavailable/);
  });
});

describe("the simulator's msp-150 profile (153 organisations, tenants made on first use)", () => {
  const simulator = useSimulator({ profile: 'msp-150' });

  it('lists every organisation and reads a tenant beyond the first 100', async () => {
    const sim = simulator();
    const listing = await clientFor(sim, {
      apiKey: sim.keys.multiTenant,
    }).testConnection();
    expect(listing.error?.kind).toBe('org_required');
    expect(listing.organizations).toHaveLength(153);
    const tenant = listing.organizations.map(org => org.id).sort()[130];
    const client = clientFor(sim, {
      apiKey: sim.keys.multiTenant,
      orgId: tenant,
    });
    const result = await client.testConnection();
    expect(result.ok).toBe(true);
    const fetched = await fetchOrgSnapshot(client);
    expect(fetched.snapshot.organization?._id).toBe(tenant);
    expect(fetched.counts.systems).toBe(result.capabilities.devices?.count);
    expect(fetched.failures.systems).toBeUndefined();
  }, 30_000);
});
