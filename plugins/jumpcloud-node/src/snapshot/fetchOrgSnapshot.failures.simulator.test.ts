import { SIZES } from '@backstage-jumpcloud/jumpcloud-simulator';
import { failureOf } from '../__testUtils__/reads';
import { clientFor, useSimulator } from '../__testUtils__/simulatorClient';
import { fetchOrgSnapshot } from './fetchOrgSnapshot';

type FatalCase =
  | 'revoked_key'
  | 'wrong_region'
  | 'org_required'
  | 'invalid_key';

describe('fetchOrgSnapshot against the simulator: faults, refusals and cancellation', () => {
  const simulator = useSimulator({
    size: { ...SIZES.S, devices: 150, users: 130 },
  });
  const primaryOrg = () =>
    simulator().dataset.orgs.find(o => o.id === simulator().orgId)!;

  it('survives 5xx bursts and 429s with Retry-After without losing data', async () => {
    const sim = simulator();
    const next = sim.control.counters().total + 1;
    sim.control.addFault({
      type: 'status',
      status: 503,
      atRequest: next + 3,
      times: 4,
    });
    sim.control.addFault({
      type: 'status',
      status: 429,
      retryAfterSeconds: 1,
      atRequest: next + 12,
    });
    sim.control.addFault({ type: 'shortPages', pathPrefix: '/api/systems' });
    const client = clientFor(sim);
    const result = await fetchOrgSnapshot(client);
    const failed = Object.keys(result.failures).filter(
      type => type !== 'userSystemBindings',
    );
    expect(failed).toEqual([]);
    expect(result.counts.systems).toBe(primaryOrg().systems.length);
    expect(client.stats.retries).toBe(5);
    expect(client.stats.rateLimited).toBe(1);
  }, 20_000);

  it('stops reading System Insights tables once one has failed (no retries spent on the rest)', async () => {
    const sim = simulator();
    sim.control.addFault({
      type: 'status',
      status: 503,
      times: 0,
      pathPrefix: '/api/v2/systeminsights',
    });
    const one = clientFor(sim);
    const oneTable = await fetchOrgSnapshot(one, {
      systemInsightsTables: ['apps'],
    });
    const every = clientFor(sim);
    const everyTable = await fetchOrgSnapshot(every);
    for (const result of [oneTable, everyTable])
      expect(Object.keys(result.failures)).toEqual(['systemInsights']);
    expect(one.stats.retries).toBeGreaterThan(0);
    expect(every.stats.retries).toBe(one.stats.retries);
  });

  it('keeps going when some data types are forbidden (Command Runner)', async () => {
    const sim = simulator();
    const result = await fetchOrgSnapshot(
      clientFor(sim, { apiKey: sim.keys.commandRunner }),
    );
    expect(result.counts.systems).toBe(primaryOrg().systems.length);
    expect(result.failures.systems).toBeUndefined();
    expect(result.failures.users).toMatchObject({
      kind: 'forbidden',
      capability: 'users',
    });
    expect(result.failures.directoryEvents?.kind).toBe('forbidden');
    expect(result.failures.userGroupMembers?.kind).toBe('forbidden');
  });

  it('reports Directory Insights not enabled (402) as a failure of that type only', async () => {
    const sim = simulator();
    const withoutDi = sim.dataset.orgs.find(
      o =>
        !(
          (o.organization.settings as any).features.directoryInsights as {
            enabled: boolean;
          }
        ).enabled,
    );
    expect(withoutDi).toBeDefined();
    const result = await fetchOrgSnapshot(
      clientFor(sim, { apiKey: sim.keys.multiTenant, orgId: withoutDi!.id }),
    );
    expect(result.failures.directoryEvents?.kind).toBe('not_enabled');
    expect(result.failures.directoryEvents?.status).toBe(402);
    expect(result.snapshot.organization?._id).toBe(withoutDi!.id);
    expect(result.counts.systems).toBe(withoutDi!.systems.length);
  });

  it.each([
    ['revoked_key', 'revoked mid-read'],
    ['wrong_region', 'an EU key on the US host'],
    ['org_required', 'a multi-tenant key without an organisation'],
    ['invalid_key', 'an unknown key'],
  ] as Array<[FatalCase, string]>)('rejects with %s for %s', async kind => {
    const sim = simulator();
    let client = clientFor(sim);
    if (kind === 'revoked_key') {
      const key = sim.control.regenerateKey(sim.keys.readOnly);
      client = clientFor(sim, { apiKey: key });
      sim.control.addFault({
        type: 'revokeKey',
        key,
        atRequest: sim.control.counters().total + 10,
      });
    }
    if (kind === 'wrong_region') {
      client = clientFor(sim, { apiKey: sim.keys.euReadOnly });
    }
    if (kind === 'org_required') {
      client = clientFor(sim, { apiKey: sim.keys.multiTenant });
    }
    if (kind === 'invalid_key') {
      client = clientFor(sim, { apiKey: 'jca_unknown' });
    }
    const error = await failureOf(fetchOrgSnapshot(client));
    expect(error.kind).toBe(kind);
    expect(error.fatal).toBe(true);
    sim.control.reset();
  });

  it('rejects with cancelled when the caller aborts', async () => {
    const sim = simulator();
    sim.control.setLatency(40);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    const error = await failureOf(
      fetchOrgSnapshot(clientFor(sim), { signal: controller.signal }),
    );
    expect(error.kind).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
