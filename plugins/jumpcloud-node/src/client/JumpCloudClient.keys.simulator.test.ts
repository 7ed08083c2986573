import { SIZES } from '@backstage-jumpcloud/jumpcloud-simulator';
import { JumpCloudClient } from './JumpCloudClient';
import { clientFor, useSimulator } from '../__testUtils__/simulatorClient';
import { drain, failureOf } from '../__testUtils__/reads';

describe('JumpCloudClient against the simulator: keys, organisations and Test Connection', () => {
  // The organisation of JumpCloudClient.simulator.test.ts.
  const simulator = useSimulator({
    size: { ...SIZES.S, devices: 250, users: 120 },
  });
  const primaryOrg = () =>
    simulator().dataset.orgs.find(o => o.id === simulator().orgId)!;

  describe('keys, regions and organisations', () => {
    it('calls a key revoked mid-read revoked', async () => {
      const sim = simulator();
      const key = sim.control.regenerateKey(sim.keys.readOnly);
      const client = clientFor(sim, { apiKey: key, maxConcurrency: 1 });
      const counters = sim.control.counters();
      sim.control.addFault({
        type: 'revokeKey',
        key,
        atRequest: counters.total + 2,
      });
      const error = await failureOf(drain(client.systems()));
      expect(error.kind).toBe('revoked_key');
      expect(error.message).toMatch(/revoked/);
      sim.control.reset();
    });

    it('tells a wrong region from a bad key', async () => {
      const sim = simulator();
      const client = clientFor(sim, { apiKey: sim.keys.euReadOnly });
      const result = await client.testConnection();
      expect(result.ok).toBe(false);
      expect(result.error?.kind).toBe('wrong_region');
      expect(result.error?.message).toMatch(/European Union/);

      const bad = clientFor(sim, { apiKey: 'jca_not_a_real_key' });
      expect((await bad.testConnection()).error?.kind).toBe('invalid_key');
    });

    it('never probes JumpCloud hosts for a non-JumpCloud apiUrl', async () => {
      const sim = simulator();
      const client = new JumpCloudClient({
        apiKey: sim.keys.euReadOnly,
        apiUrl: sim.url,
      });
      expect(client.regionProbeUrls).toEqual({});
      const viaRegion = new JumpCloudClient({ apiKey: 'k', region: 'eu' });
      expect(Object.keys(viaRegion.regionProbeUrls).sort()).toEqual([
        'eu',
        'in',
        'us',
      ]);
      const result = await client.testConnection();
      expect(result.error?.kind).toBe('invalid_key');
    });

    it('reads from the EU host with the EU key', async () => {
      const sim = simulator();
      const client = clientFor(sim, {
        apiKey: sim.keys.euReadOnly,
        apiUrl: sim.regionUrls.eu,
      });
      const result = await client.testConnection();
      expect(result.ok).toBe(true);
    });

    it('requires an organisation for a multi-tenant key and lists them', async () => {
      const sim = simulator();
      const client = clientFor(sim, { apiKey: sim.keys.multiTenant });
      const orgs = await client.listOrganizations();
      expect(orgs.map(o => o._id).sort()).toEqual(
        sim.orgs.map(o => o.id).sort(),
      );
      const result = await client.testConnection();
      expect(result.ok).toBe(false);
      expect(result.multiTenant).toBe(true);
      expect(result.error?.kind).toBe('org_required');
      expect(result.organizations).toHaveLength(sim.orgs.length);
      const error = await failureOf(drain(client.systems()));
      expect(error.kind).toBe('org_required');
    });

    it('sends x-org-id on org routes only (organisations and admins refuse it)', async () => {
      const sim = simulator();
      const other = sim.orgs.find(o => o.id !== sim.orgId)!;
      const client = clientFor(sim, {
        apiKey: sim.keys.multiTenant,
        orgId: other.id,
      });
      const result = await client.testConnection();
      expect(result.error).toBeUndefined();
      expect(result.ok).toBe(true);
      expect(result.capabilities.admins?.ok).toBe(true);
      expect(result.capabilities.orgSettings?.ok).toBe(true);
      const otherOrg = sim.dataset.orgs.find(o => o.id === other.id)!;
      expect(result.capabilities.devices?.count).toBe(otherOrg.systems.length);
      const systems = await drain(client.systems());
      expect(systems).toHaveLength(otherOrg.systems.length);
    });

    it('names an unknown organisation', async () => {
      const sim = simulator();
      const client = clientFor(sim, {
        apiKey: sim.keys.multiTenant,
        orgId: '0123456789abcdef01234567',
      });
      expect((await client.testConnection()).error?.kind).toBe('unknown_org');
      expect((await failureOf(drain(client.systems()))).kind).toBe(
        'unknown_org',
      );
    });
  });

  describe('testConnection', () => {
    it('reports every capability with counts', async () => {
      const sim = simulator();
      const org = primaryOrg();
      const result = await clientFor(sim).testConnection();
      expect(result.ok).toBe(true);
      expect(result.multiTenant).toBe(false);
      expect(result.organizations).toEqual([
        { id: sim.orgId, name: expect.any(String) },
      ]);
      const available = { ok: true, state: 'available' };
      expect(result.capabilities).toEqual({
        users: { ...available, count: org.users.length },
        devices: { ...available, count: org.systems.length },
        groups: {
          ...available,
          count: org.userGroups.length + org.systemGroups.length,
        },
        associations: available,
        policies: { ...available, count: org.policies.length },
        systemInsights: { ...available, count: expect.any(Number) },
        directoryInsights: { ...available, count: expect.any(Number) },
        admins: { ...available, count: expect.any(Number) },
        orgSettings: available,
        applications: { ...available, count: org.applications.length },
        authnPolicies: { ...available, count: org.authnPolicies.length },
        appleMdms: { ...available, count: org.appleMdms.length },
      });
      expect(result.limited).toBe(false);
      expect(result.summary).toMatch(/^The connection works: everything/);
      expect(result.capabilities.systemInsights!.count).toBeGreaterThan(0);
    });

    it('names the capabilities a Command Runner key may not read', async () => {
      const sim = simulator();
      const result = await clientFor(sim, {
        apiKey: sim.keys.commandRunner,
      }).testConnection();
      expect(result.error).toBeUndefined();
      expect(result.capabilities.devices).toEqual({
        ok: true,
        state: 'available',
        count: 250,
      });
      expect(result.capabilities.users?.ok).toBe(false);
      expect(result.capabilities.users?.error).toMatchObject({
        kind: 'forbidden',
        capability: 'users',
        status: 403,
      });
      expect(result.capabilities.directoryInsights?.error?.kind).toBe(
        'forbidden',
      );
      expect(result.ok).toBe(false);
    });

    it('says when JumpCloud is unavailable', async () => {
      const sim = simulator();
      sim.control.addFault({ type: 'status', status: 503, times: 0 });
      const result = await clientFor(sim, { maxRetries: 1 }).testConnection();
      expect(result.ok).toBe(false);
      expect(result.error?.kind).toBe('unavailable');
    });

    it('says when JumpCloud is unreachable', async () => {
      const client = new JumpCloudClient({
        apiKey: 'jca_x',
        apiUrl: 'http://127.0.0.1:9',
        regionUrls: {},
        maxRetries: 0,
      });
      const result = await client.testConnection();
      expect(result.error?.kind).toBe('unreachable');
    });
  });
});
