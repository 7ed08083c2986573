import { startSimulator, type StartedSimulator } from '../index';
import { call } from '../__testUtils__/call';

describe('Directory Insights', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 9, now: '2026-11-23T00:00:00Z' });
  });
  afterAll(() => sim.close());
  const events = (
    body: unknown,
    key = sim.keys.readOnly,
    orgId?: string | string[],
  ) => call(sim.url, '/insights/directory/v1/events', { key, body, orgId });
  const start = '2026-08-01T00:00:00Z';

  it('pages with search_after until X-Result-Count < X-Limit', async () => {
    const total = sim.dataset.orgs[0].events.length;
    const seen: string[] = [];
    let body: Record<string, unknown> = {
      service: ['all'],
      start_time: start,
      limit: 150,
    };
    for (;;) {
      const res = await events(body);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-limit')).toBe('150');
      expect(res.headers.get('x-sort')).toBe('ASC');
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      seen.push(...res.json.map((e: any) => e.id));
      const count = Number(res.headers.get('x-result-count'));
      expect(count).toBe(res.json.length);
      if (count < 150) break;
      body = {
        ...body,
        search_after: JSON.parse(res.headers.get('x-search_after')!),
      };
    }
    expect(new Set(seen).size).toBe(total);
  });

  it('filters by service, time window, search term and sorts DESC', async () => {
    const res = await events({
      service: ['directory'],
      start_time: start,
      end_time: '2026-11-23T00:00:00Z',
      sort: 'desc',
      limit: 10000,
      search_term: { and: [{ event_type: 'admin_login_attempt' }] },
    });
    expect(res.json.length).toBeGreaterThan(0);
    expect(
      res.json.every(
        (e: any) =>
          e.service === 'directory' && e.event_type === 'admin_login_attempt',
      ),
    ).toBe(true);
    const times = res.json.map((e: any) => e.timestamp);
    expect(times).toEqual([...times].sort().reverse());
    const count = await call(sim.url, '/insights/directory/v1/events/count', {
      key: sim.keys.readOnly,
      body: {
        service: ['directory'],
        start_time: start,
        search_term: { and: [{ event_type: 'admin_login_attempt' }] },
      },
    });
    expect(count.json.count).toBe(res.json.length);
  });

  it('validates the body', async () => {
    expect((await events({ start_time: start })).status).toBe(400);
    expect((await events({ service: 'all', start_time: start })).status).toBe(
      400,
    );
    expect(
      (await events({ service: ['nope'], start_time: start })).json.message,
    ).toContain('valid values');
    expect(
      (await events({ service: ['all'], start_time: 'yesterday' })).status,
    ).toBe(400);
    expect(
      (await events({ service: ['all'], start_time: start, fields: [] }))
        .status,
    ).toBe(400);
    const unknownField = await events({
      service: ['all'],
      start_time: start,
      fields: ['nope'],
    });
    expect(unknownField.status).toBe(400);
    const projected = await events({
      service: ['all'],
      start_time: start,
      fields: ['event_type'],
      limit: 3,
    });
    expect(Object.keys(projected.json[0]).sort()).toEqual(['event_type', 'id']);
    // Nonsensical limits fall back to the default.
    expect(
      (
        await events({ service: ['all'], start_time: start, limit: -4 })
      ).headers.get('x-limit'),
    ).toBe('1000');
  });

  it('answers 402 when the org has no Directory Insights, and takes several x-org-id headers', async () => {
    const key = sim.keys.multiTenant;
    const withDi = sim.dataset.orgs.filter(
      o => (o.organization as any).settings.features.directoryInsights.enabled,
    );
    const withoutDi = sim.dataset.orgs.find(
      o => !(o.organization as any).settings.features.directoryInsights.enabled,
    )!;
    expect(
      (await events({ service: ['all'], start_time: start }, key)).status,
    ).toBe(401);
    expect(
      (await events({ service: ['all'], start_time: start }, key, withoutDi.id))
        .status,
    ).toBe(402);
    const both = await events(
      { service: ['all'], start_time: start, limit: 10000 },
      key,
      withDi.map(o => o.id),
    );
    expect(both.status).toBe(200);
    expect(new Set(both.json.map((e: any) => e.organization))).toEqual(
      new Set(withDi.map(o => o.id)),
    );
  });
});
