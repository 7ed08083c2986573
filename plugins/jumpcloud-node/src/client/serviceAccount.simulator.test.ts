import type { StartedSimulator } from '@backstage-jumpcloud/jumpcloud-simulator';
import { clientFor, useSimulator } from '../__testUtils__/simulatorClient';
import type { JumpCloudClient } from './JumpCloudClient';
import type { JumpCloudClientOptions } from './types';
import { failureOf } from '../__testUtils__/reads';

/** A client of the simulator's Read Only service account (no API key). */
function serviceAccountClient(
  sim: StartedSimulator,
  overrides: Partial<JumpCloudClientOptions> = {},
): JumpCloudClient {
  return clientFor(sim, {
    apiKey: undefined,
    credential: {
      type: 'serviceAccount',
      clientId: sim.serviceAccount.clientId,
      clientSecret: sim.serviceAccount.clientSecret,
    },
    ...overrides,
  });
}

async function count<T>(iterator: AsyncIterable<T>): Promise<number> {
  let n = 0;
  for await (const _ of iterator) n += 1;
  return n;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('JumpCloudClient with a service account (simulator)', () => {
  const simulator = useSimulator({ size: { devices: 250, users: 120 } });

  beforeEach(() => {
    simulator().control.resetCounters();
    simulator().control.setTokenTtl(null);
  });

  it('fetches one token for concurrent requests and reads with it', async () => {
    const sim = simulator();
    const issued = sim.control.tokensIssued();
    const client = serviceAccountClient(sim);
    expect(client.credentialType).toBe('serviceAccount');

    // Eight reads at once: every one waits for the same token request.
    const counts = await Promise.all([
      count(client.systems()),
      count(client.systemUsers()),
      count(client.userGroups()),
      count(client.systemGroups()),
      count(client.policies()),
      count(client.applications()),
      client.listOrganizations().then(orgs => orgs.length),
      client.getOrganization(sim.orgId).then(() => 1),
    ]);
    expect(counts[0]).toBe(250);
    expect(counts[1]).toBe(120);
    expect(client.stats.tokenRequests).toBe(1);
    expect(sim.control.tokensIssued()).toBe(issued + 1);

    // Later reads reuse the cached token.
    expect(await count(client.systems())).toBe(250);
    expect(client.stats.tokenRequests).toBe(1);
    expect(sim.control.tokensIssued()).toBe(issued + 1);

    // Every API request went with the service account's token.
    const counters = sim.control.counters();
    expect(counters.byKey).toEqual({ serviceAccount: counters.total });
    expect(counters.byStatus['401']).toBeUndefined();
  });

  it('renews the token before it expires', async () => {
    const sim = simulator();
    sim.control.setTokenTtl(2);
    const issued = sim.control.tokensIssued();
    const client = serviceAccountClient(sim);
    await client.getOrganization(sim.orgId);
    await client.getOrganization(sim.orgId);
    expect(sim.control.tokensIssued()).toBe(issued + 1);

    // Past the renewal point (a tenth of its life before expiry), still
    // inside its lifetime: the next request gets a new token first.
    await sleep(1_850);
    await client.getOrganization(sim.orgId);
    expect(sim.control.tokensIssued()).toBe(issued + 2);
    expect(client.stats.tokenRequests).toBe(2);
    // No request ever went out with an expired token.
    expect(sim.control.counters().byStatus['401']).toBeUndefined();
    expect(client.stats.retries).toBe(0);
  });

  it('renews once on a 401 for a token that expired early, then carries on', async () => {
    const sim = simulator();
    const issued = sim.control.tokensIssued();
    const client = serviceAccountClient(sim);
    await client.getOrganization(sim.orgId);
    sim.control.expireTokens();

    const [systems, users] = await Promise.all([
      count(client.systems()),
      count(client.systemUsers()),
    ]);
    expect(systems).toBe(250);
    expect(users).toBe(120);
    // The concurrent requests that met the 401 shared one new token.
    expect(sim.control.tokensIssued()).toBe(issued + 2);
    expect(sim.control.counters().byStatus['401']).toBeGreaterThanOrEqual(1);
    expect(client.stats.retries).toBe(0);
  });

  it('says the client id and secret were refused, never echoing the secret', async () => {
    const sim = simulator();
    const secret = 'not-the-secret-0123456789abcdef';
    const client = serviceAccountClient(sim, {
      credential: {
        type: 'serviceAccount',
        clientId: sim.serviceAccount.clientId,
        clientSecret: secret,
      },
    });
    const error = await failureOf(client.getOrganization(sim.orgId));
    expect(error.kind).toBe('invalid_key');
    expect(error.fatal).toBe(true);
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/service account/);
    expect(error.message).toMatch(/client ID and secret were not accepted/);
    expect(error.message).toContain(sim.serviceAccount.clientId);
    expect(JSON.stringify(error.toDetail())).not.toContain(secret);
    expect(error.message).not.toContain(sim.serviceAccount.clientSecret);
    // Not retried: bad credentials stay bad.
    expect(client.stats.tokenRequests).toBe(1);
    expect(client.stats.requests).toBe(0);
    expect(sim.control.counters().total).toBe(0);
  });

  it('passes Test Connection, and tells a wrong region from bad credentials', async () => {
    const sim = simulator();
    const ok = await serviceAccountClient(sim).testConnection();
    expect(ok.ok).toBe(true);
    expect(ok.organizations.map(o => o.id)).toEqual([sim.orgId]);
    expect(ok.capabilities.devices).toEqual({
      ok: true,
      state: 'available',
      count: 250,
    });

    // A US service account pointed at the EU host.
    const wrongRegion = await serviceAccountClient(sim, {
      apiUrl: sim.regionUrls.eu,
    }).testConnection();
    expect(wrongRegion.error?.kind).toBe('wrong_region');
    expect(wrongRegion.error?.message).toMatch(
      /This service account belongs to an organisation in the United States/,
    );

    const bad = await serviceAccountClient(sim, {
      credential: {
        type: 'serviceAccount',
        clientId: 'sa_unknown',
        clientSecret: 'also-unknown-secret',
      },
    }).testConnection();
    expect(bad.error?.kind).toBe('invalid_key');
    expect(JSON.stringify(bad)).not.toContain('also-unknown-secret');
  });

  it('lets a waiter give up without failing the others', async () => {
    const sim = simulator();
    sim.control.setLatency(0, 0);
    const client = serviceAccountClient(sim);
    const controller = new AbortController();
    const cancelled = failureOf(
      client.getOrganization(sim.orgId, { signal: controller.signal }),
    );
    const other = client.getOrganization(sim.orgId);
    controller.abort();
    expect((await cancelled).kind).toBe('cancelled');
    expect((await other)._id).toBe(sim.orgId);
    expect(client.stats.tokenRequests).toBe(1);
  });

  it('refuses a service account without a client id or secret', () => {
    const sim = simulator();
    expect(() =>
      serviceAccountClient(sim, {
        credential: {
          type: 'serviceAccount',
          clientId: ' ',
          clientSecret: 'x',
        },
      }),
    ).toThrow(/client ID and a client secret/);
    expect(() =>
      clientFor(sim, {
        credential: { type: 'apiKey', apiKey: sim.keys.readOnly },
      }),
    ).toThrow(/either apiKey or credential/);
  });
});
