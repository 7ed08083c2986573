import { startSimulator, type StartedSimulator } from '../index';
import { call } from '../__testUtils__/call';
import { applyProfiles, PROFILE_NAMES } from './profiles';

const NOW = '2026-11-01T00:00:00Z';
const diBody = { service: ['all'], start_time: '2026-10-01T00:00:00Z' };

/** Starts a simulator for one test and closes it afterwards. */
async function withSimulator(
  options: Parameters<typeof startSimulator>[0],
  run: (sim: StartedSimulator) => Promise<void>,
) {
  const sim = await startSimulator({ seed: 3, now: NOW, ...options });
  try {
    await run(sim);
  } finally {
    await sim.close();
  }
}

const status = async (sim: StartedSimulator, path: string, key?: string) =>
  (
    await call(sim.url, path, {
      key: key ?? sim.keys.readOnly,
      body: path.startsWith('/insights') ? diBody : undefined,
    })
  ).status;

describe('ready-made organisation profiles', () => {
  it('keeps the default a kind organisation: everything readable, nothing moving, no limit', async () => {
    await withSimulator({}, async sim => {
      const results = await Promise.all(
        Array.from({ length: 30 }, () => status(sim, '/api/systems?limit=1')),
      );
      expect(new Set(results)).toEqual(new Set([200]));
      for (const path of [
        '/insights/directory/v1/events',
        '/api/v2/authn/policies',
        '/api/users',
        '/api/v2/systeminsights/apps',
      ])
        expect([path, await status(sim, path)]).toEqual([path, 200]);
      expect(sim.orgs).toHaveLength(3);
      expect(sim.control.settings().churn).toBeNull();
    });
  });

  it("'no-premium': 402 on Directory Insights and Conditional Access only", async () => {
    await withSimulator({ profile: 'no-premium' }, async sim => {
      const di = await call(sim.url, '/insights/directory/v1/events/count', {
        key: sim.keys.readOnly,
        body: diBody,
      });
      expect(di.status).toBe(402);
      expect(di.json.message).toMatch(/^Payment Required: Directory Insights/);
      expect(await status(sim, '/api/v2/authn/policies')).toBe(402);
      expect(await status(sim, '/api/v2/authn/policies', sim.keys.admin)).toBe(
        402,
      );
      expect(await status(sim, '/api/v2/systeminsights/apps')).toBe(200);
      expect(await status(sim, '/api/v2/applemdms')).toBe(200);
    });
  });

  it("'restricted-role': 403 on the admins list and on all of System Insights for the integration's key", async () => {
    await withSimulator({ profile: 'restricted-role' }, async sim => {
      expect(await status(sim, '/api/users')).toBe(403);
      expect(await status(sim, '/api/v2/administrators')).toBe(403);
      expect(await status(sim, '/api/v2/systeminsights/os_version')).toBe(403);
      expect(await status(sim, '/api/v2/systeminsights/apps?limit=1')).toBe(
        403,
      );
      expect(await status(sim, '/api/systems')).toBe(200);
      expect(await status(sim, '/insights/directory/v1/events')).toBe(200);
      // Other credentials keep their roles.
      expect(await status(sim, '/api/users', sim.keys.admin)).toBe(200);
    });
  });

  it("'churn': totals move between pages", async () => {
    await withSimulator({ profile: 'churn' }, async sim => {
      const page = (skip: number) =>
        call(sim.url, `/api/systemusers?limit=20&skip=${skip}`, {
          key: sim.keys.readOnly,
        }).then(r => r.json.totalCount);
      const first = await page(0);
      expect(await page(20)).toBe(first + 1); // 3 created, 2 deleted
    });
  });

  it("'throttled': 429 without Retry-After beyond 10 requests a second per credential", async () => {
    await withSimulator({ profile: 'throttled' }, async sim => {
      const burst = await Promise.all(
        Array.from({ length: 30 }, () =>
          call(sim.url, '/api/systems?limit=1', { key: sim.keys.readOnly }),
        ),
      );
      const limited = burst.filter(r => r.status === 429);
      expect(limited.length).toBeGreaterThanOrEqual(15);
      expect(limited[0].json).toEqual({ message: 'Too Many Requests' });
      expect(limited.every(r => r.headers.get('retry-after') === null)).toBe(
        true,
      );
      // Per credential: another key has its own budget.
      expect(await status(sim, '/api/systems?limit=1', sim.keys.admin)).toBe(
        200,
      );
    });
  });

  it("'msp-150': the multi-tenant key sees 153 organisations", async () => {
    await withSimulator({ profile: 'msp-150' }, async sim => {
      const orgs = await call(sim.url, '/api/organizations?limit=100', {
        key: sim.keys.multiTenant,
      });
      expect(orgs.json.totalCount).toBe(153);
      expect(orgs.json.results).toHaveLength(100);
    });
  });

  it('combines profiles; explicit options win over them', async () => {
    await withSimulator(
      { profile: ['no-premium', 'throttled'], rateLimit: { perSecond: 1000 } },
      async sim => {
        expect(await status(sim, '/api/v2/authn/policies')).toBe(402);
        expect(sim.control.settings().rateLimit).toEqual({ perSecond: 1000 });
      },
    );
    expect(
      applyProfiles({ profile: ['restricted-role', 'no-premium'], seed: 2 }),
    ).toMatchObject({
      seed: 2,
      role: { forbidden: expect.arrayContaining(['/api/users']) },
      plan: expect.not.arrayContaining(['directoryInsights']),
    });
    expect(PROFILE_NAMES).toEqual([
      'no-premium',
      'restricted-role',
      'churn',
      'throttled',
      'msp-150',
    ]);
    await expect(startSimulator({ profile: 'nope' as never })).rejects.toThrow(
      /Unknown profile "nope"/,
    );
  });
});
