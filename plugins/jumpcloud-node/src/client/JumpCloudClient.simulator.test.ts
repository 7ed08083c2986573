import { SIZES } from '@backstage-jumpcloud/jumpcloud-simulator';
import { systemsSpec, systemUsersSpec } from './collections';
import { clientFor, useSimulator } from '../__testUtils__/simulatorClient';
import type { JcGraphConnection } from '../types';
import { drain, failureOf } from '../__testUtils__/reads';

describe('JumpCloudClient against the simulator', () => {
  // 250 devices: three v1 pages, enough to exercise paging.
  const simulator = useSimulator({
    size: { ...SIZES.S, devices: 250, users: 120 },
  });
  const primaryOrg = () =>
    simulator().dataset.orgs.find(o => o.id === simulator().orgId)!;

  describe('paging', () => {
    it('reads every collection to the reported total, sorted by id', async () => {
      const client = clientFor(simulator());
      const systems = await drain(client.systems());
      const expected = primaryOrg()
        .systems.map(s => s._id as string)
        .sort();
      expect(systems.map(s => s._id)).toEqual(expected);
      expect(client.stats.requests).toBe(3);
      const users = await drain(client.systemUsers());
      expect(users).toHaveLength(primaryOrg().users.length);
      // Unknown fields are kept (permissive types).
      expect(Object.keys(systems[0]).length).toBeGreaterThan(20);
    });

    it('does not stop on a short page: asks for the rest and reaches the total', async () => {
      const sim = simulator();
      sim.control.addFault({
        type: 'shortPages',
        pathPrefix: '/api/systems',
        times: 0,
      });
      const client = clientFor(sim);
      const result = await client.collect(systemsSpec());
      expect(result.items).toHaveLength(250);
      expect(new Set(result.items.map(s => s._id)).size).toBe(250);
      expect(result.mismatch).toBeUndefined();
      expect(result.pages).toBeGreaterThan(3);
    });

    it('accounts dangling graph records instead of failing the read', async () => {
      const sim = simulator();
      const org = primaryOrg();
      const live = new Set([
        ...org.users.map(u => u._id as string),
        ...org.userGroups.map(g => g.id as string),
      ]);
      const group = org.userGroups.find(g =>
        org.edges.some(
          e => e.kind === 'member' && e.from.id === g.id && !live.has(e.to.id),
        ),
      )!;
      expect(group).toBeDefined();
      const client = clientFor(sim);
      const members: JcGraphConnection[] = await drain(
        client.userGroupMembers(group.id as string),
      );
      const edges = org.edges.filter(
        e => e.kind === 'member' && e.from.id === group.id,
      );
      expect(members).toHaveLength(edges.filter(e => live.has(e.to.id)).length);
    });

    it('accounts for every object when the data changes while paging', async () => {
      const sim = simulator();
      const client = clientFor(sim);
      const before = new Set(primaryOrg().systems.map(s => s._id as string));
      let mutated = false;
      const result = await client.collect(systemsSpec(), {
        onProgress: () => {
          if (!mutated) {
            mutated = true;
            sim.control.mutate(20);
          }
        },
      });
      expect(mutated).toBe(true);
      const read = result.items.map(s => s._id);
      expect(new Set(read).size).toBe(read.length);
      // Every device there before and after the change was read.
      const kept = primaryOrg()
        .systems.map(s => s._id as string)
        .filter(id => before.has(id));
      expect(kept.filter(id => !read.includes(id))).toEqual([]);
      expect(result.mismatch).toBeUndefined();
      sim.control.reset();
    });
  });

  describe('retries', () => {
    it('retries a burst of 5xx (JSON and HTML gateway pages)', async () => {
      const sim = simulator();
      const next = sim.control.counters().total + 1;
      // Two JSON 503s, then an nginx HTML 502 page.
      sim.control.addFault({
        type: 'status',
        status: 503,
        atRequest: next,
        times: 2,
      });
      sim.control.addFault({
        type: 'status',
        status: 502,
        atRequest: next + 2,
        times: 1,
      });
      const client = clientFor(sim);
      const users = await drain(client.systemUsers());
      expect(users).toHaveLength(120);
      expect(client.stats.retries).toBe(3);
      expect(sim.control.counters().byStatus).toMatchObject({
        '502': 1,
        '503': 2,
      });
    });

    it('honours Retry-After on 429', async () => {
      const sim = simulator();
      sim.control.addFault({
        type: 'status',
        status: 429,
        retryAfterSeconds: 1,
        pathPrefix: '/api/systemusers',
      });
      const client = clientFor(sim);
      const started = Date.now();
      await drain(client.systemUsers());
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(client.stats.rateLimited).toBe(1);
      expect(client.stats.retries).toBe(1);
    });

    it('gives up with rate_limited after maxRetries', async () => {
      const sim = simulator();
      sim.control.addFault({
        type: 'status',
        status: 429,
        pathPrefix: '/api/systemusers',
        times: 0,
      });
      const client = clientFor(sim, { maxRetries: 2 });
      const error = await failureOf(drain(client.systemUsers()));
      expect(error.kind).toBe('rate_limited');
      expect(client.stats.requests).toBe(3);
    });

    it.each([
      [400, 'bad_request'],
      [403, 'forbidden'],
      [404, 'not_found'],
    ] as const)('never retries %s', async (status, kind) => {
      const sim = simulator();
      sim.control.addFault({
        type: 'status',
        status,
        pathPrefix: '/api/systemusers',
        times: 0,
      });
      const client = clientFor(sim);
      const error = await failureOf(drain(client.systemUsers()));
      expect(error.kind).toBe(kind);
      expect(error.capability).toBe('users');
      expect(client.stats.requests).toBe(1);
    });

    it('never retries 401 and never puts the key in the error', async () => {
      const sim = simulator();
      const apiKey = 'jca_0000000000000000000000000000000000000000';
      const client = clientFor(sim, { apiKey });
      const error = await failureOf(drain(client.systems()));
      expect(error.kind).toBe('invalid_key');
      expect(client.stats.requests).toBe(1);
      expect(JSON.stringify(error.toDetail())).not.toContain(apiKey);
      expect(error.message).not.toContain(apiKey);
    });

    it('times out a slow request and retries it', async () => {
      const sim = simulator();
      sim.control.addFault({
        type: 'slow',
        delayMs: 800,
        pathPrefix: '/api/systemusers',
      });
      const client = clientFor(sim, { timeoutMs: 200 });
      const users = await drain(client.systemUsers());
      expect(users).toHaveLength(120);
      expect(client.stats.retries).toBe(1);
    });

    it('reports a timeout when every attempt is too slow', async () => {
      const sim = simulator();
      sim.control.addFault({
        type: 'slow',
        delayMs: 600,
        pathPrefix: '/api/systemusers',
        times: 0,
      });
      const client = clientFor(sim, { timeoutMs: 150, maxRetries: 1 });
      const error = await failureOf(drain(client.systemUsers()));
      expect(error.kind).toBe('timeout');
      expect(client.stats.requests).toBe(2);
    });

    it('retries a connection dropped mid-body', async () => {
      const sim = simulator();
      sim.control.addFault({
        type: 'truncated',
        pathPrefix: '/api/systemusers',
      });
      const client = clientFor(sim);
      expect(await drain(client.systemUsers())).toHaveLength(120);
      expect(client.stats.retries).toBe(1);
    });

    it('reports malformed JSON without retrying', async () => {
      const sim = simulator();
      sim.control.addFault({
        type: 'malformed',
        pathPrefix: '/api/systemusers',
      });
      const client = clientFor(sim);
      const error = await failureOf(drain(client.systemUsers()));
      expect(error.kind).toBe('malformed_response');
      expect(client.stats.requests).toBe(1);
    });
  });

  describe('rate and concurrency', () => {
    it('stays under the server rate limit: no 429 at all', async () => {
      const sim = simulator();
      sim.control.setRateLimit({ perSecond: 20, retryAfter: true });
      sim.control.resetCounters();
      const client = clientFor(sim, {
        requestsPerSecond: 20,
        maxConcurrency: 4,
      });
      const started = Date.now();
      // 3 + 2 pages, then 25 more single-page reads: 30 requests.
      await drain(client.systems());
      await drain(client.systemUsers());
      await Promise.all(
        Array.from({ length: 25 }, () => drain(client.admins())),
      );
      expect(client.stats.requests).toBe(30);
      expect(sim.control.counters().byStatus['429']).toBeUndefined();
      expect(client.stats.rateLimited).toBe(0);
      // 30 requests at 20/s, at most a burst of 5 after idle moments.
      expect(Date.now() - started).toBeGreaterThanOrEqual(1200);
    }, 15_000);

    it('absorbs 429s from a stricter server without surfacing errors', async () => {
      const sim = simulator();
      sim.control.setRateLimit({ perSecond: 10, retryAfter: true });
      const client = clientFor(sim, {
        requestsPerSecond: 200,
        retryBaseDelayMs: 50,
        retryMaxDelayMs: 1000,
        maxRetries: 8,
      });
      const reads = await Promise.all(
        Array.from({ length: 14 }, () => drain(client.admins())),
      );
      expect(reads.every(admins => admins.length > 0)).toBe(true);
      expect(client.stats.rateLimited).toBeGreaterThan(0);
    }, 20_000);
  });

  describe('cancellation', () => {
    it('rejects promptly with cancelled', async () => {
      const sim = simulator();
      sim.control.setLatency(2000);
      const controller = new AbortController();
      const client = clientFor(sim, { signal: controller.signal });
      const started = Date.now();
      const reading = failureOf(drain(client.systems()));
      setTimeout(() => controller.abort(), 50);
      const error = await reading;
      expect(error.kind).toBe('cancelled');
      // Well before the 2 s answer it would otherwise wait for.
      expect(Date.now() - started).toBeLessThan(1500);
    });

    it('cancels one read through its own signal', async () => {
      const sim = simulator();
      sim.control.addFault({
        type: 'status',
        status: 503,
        pathPrefix: '/api/systems',
        times: 0,
      });
      const controller = new AbortController();
      const client = clientFor(sim, {
        retryBaseDelayMs: 4000,
        retryMaxDelayMs: 8000,
      });
      const reading = failureOf(
        drain(client.systems({ signal: controller.signal })),
      );
      setTimeout(() => controller.abort(), 100);
      const started = Date.now();
      expect((await reading).kind).toBe('cancelled');
      // Without waiting out the backoff delay.
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });

  describe('Directory Insights', () => {
    it('reads events of a window, reconciled with the count', async () => {
      const sim = simulator();
      const client = clientFor(sim);
      const events = await drain(
        client.directoryEvents({
          startTime: new Date(
            sim.dataset.nowMs - 90 * 86_400_000,
          ).toISOString(),
          endTime: new Date(sim.dataset.nowMs + 86_400_000).toISOString(),
        }),
      );
      expect(events.length).toBeGreaterThan(0);
      expect(events.length).toBe(
        primaryOrg().events.filter(
          e =>
            Date.parse(e.timestamp as string) >=
            sim.dataset.nowMs - 90 * 86_400_000,
        ).length,
      );
    });
  });

  it('uses the given page size and sort on v1 routes', async () => {
    const spec = systemUsersSpec();
    expect(spec.sort).toBe('_id');
    expect(spec.pageSize).toBe(100);
  });
});
