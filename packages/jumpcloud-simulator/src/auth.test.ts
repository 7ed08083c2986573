import { startSimulator, type StartedSimulator } from './index';
import { call } from './__testUtils__/call';

describe('authentication, regions and x-org-id', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, now: '2026-11-01T00:00:00Z' });
  });
  afterAll(() => sim.close());

  it('rejects missing, unknown and other-region keys with the JumpCloud 401 body', async () => {
    const unknown = {
      error: 'Unauthorized',
      message: 'Unauthorized: api key user not found',
    };
    expect(await call(sim.url, '/api/systems')).toMatchObject({
      status: 401,
      json: unknown,
    });
    expect(
      await call(sim.url, '/api/systems', { key: 'jca_nope' }),
    ).toMatchObject({ status: 401, json: unknown });
    expect(
      await call(sim.url, '/api/systems', { key: sim.keys.euReadOnly }),
    ).toMatchObject({ status: 401, json: unknown });
    const eu = await call(sim.regionUrls.eu, '/api/systems?limit=1', {
      key: sim.keys.euReadOnly,
    });
    expect(eu.status).toBe(200);
    expect(
      (
        await call(sim.regionUrls.in, '/api/systems', {
          key: sim.keys.readOnly,
        })
      ).status,
    ).toBe(401);
  });

  it('serves single-tenant keys without x-org-id, and treats an empty header as absent', async () => {
    const res = await call(sim.url, '/api/systems?limit=1', {
      key: sim.keys.readOnly,
      headers: { 'x-org-id': '' },
    });
    expect(res.status).toBe(200);
    expect(res.json.results[0].organization).toBe(sim.orgId);
  });

  it('applies every x-org-id rule for multi-tenant keys', async () => {
    const key = sim.keys.multiTenant;
    expect(await call(sim.url, '/api/v2/usergroups', { key })).toMatchObject({
      status: 401,
      json: { message: 'Unauthorized: no organization selected' },
    });
    const forbidden =
      'Forbidden: organization selection not allowed via header';
    expect(
      await call(sim.url, '/api/organizations', { key, orgId: sim.orgId }),
    ).toMatchObject({
      status: 403,
      json: { message: forbidden, error: forbidden },
    });
    expect(
      (await call(sim.url, '/api/users', { key, orgId: sim.orgId })).status,
    ).toBe(403);
    expect(
      (await call(sim.url, '/api/systems', { key, orgId: 'not-an-id' })).status,
    ).toBe(400);
    expect(
      (
        await call(sim.url, '/api/systems', {
          key,
          orgId: 'aaaaaaaaaaaaaaaaaaaaaaaa',
        })
      ).status,
    ).toBe(404);

    const orgs = await call(sim.url, '/api/organizations', { key });
    expect(orgs.json.totalCount).toBe(sim.orgs.length);
    expect(sim.orgs.length).toBeGreaterThanOrEqual(3);
    for (const org of sim.orgs) {
      const res = await call(sim.url, '/api/systems?limit=1', {
        key,
        orgId: org.id,
      });
      expect(res.status).toBe(200);
      expect(res.json.results[0].organization).toBe(org.id);
    }
  });

  it('keeps single-tenant keys inside their org', async () => {
    const other = sim.orgs.find(o => o.id !== sim.orgId)!;
    expect(
      (
        await call(sim.url, '/api/systems', {
          key: sim.keys.readOnly,
          orgId: other.id,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(sim.url, `/api/organizations/${other.id}`, {
          key: sim.keys.readOnly,
        })
      ).status,
    ).toBe(404);
    const own = await call(sim.url, `/api/organizations/${sim.orgId}`, {
      key: sim.keys.readOnly,
    });
    expect(own.json.settings.passwordPolicy).toBeDefined();
  });

  it('gives Command Runner admins 403 on most reads', async () => {
    const key = sim.keys.commandRunner;
    expect((await call(sim.url, '/api/systems?limit=1', { key })).status).toBe(
      200,
    );
    for (const path of [
      '/api/systemusers',
      '/api/v2/usergroups',
      '/api/v2/policies',
      '/api/users',
    ]) {
      expect((await call(sim.url, path, { key })).status).toBe(403);
    }
    const di = await call(sim.url, '/insights/directory/v1/events', {
      key,
      body: { service: ['all'], start_time: '2026-01-01T00:00:00Z' },
    });
    expect(di.status).toBe(403);
  });

  it('lets read-only admins read but not fetch FDE recovery keys', async () => {
    const system = sim.dataset.orgs[0].systems.find(
      s => (s.fde as any).keyPresent,
    )!;
    expect(
      (
        await call(sim.url, `/api/v2/systems/${system._id}/fdekey`, {
          key: sim.keys.readOnly,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(sim.url, `/api/v2/systems/${system._id}/fdekey`, {
          key: sim.keys.admin,
        })
      ).status,
    ).toBe(200);
  });

  it('revokes the old key when a new one is generated for the admin', async () => {
    const old = sim.keys.admin;
    const fresh = sim.control.regenerateKey(old);
    expect(fresh).toMatch(/^jca_/);
    expect(
      (await call(sim.url, '/api/systems?limit=1', { key: old })).status,
    ).toBe(401);
    expect(
      (await call(sim.url, '/api/systems?limit=1', { key: fresh })).status,
    ).toBe(200);
    // Through the control API too.
    const res = await call(sim.url, '/__simulator/keys/regenerate', {
      body: { key: fresh },
    });
    expect(res.status).toBe(200);
    expect(
      (await call(sim.url, '/api/systems?limit=1', { key: fresh })).status,
    ).toBe(401);
    expect(
      (await call(sim.url, '/api/systems?limit=1', { key: res.json.key }))
        .status,
    ).toBe(200);
    // The admin record shows the rotation, and attempts with old keys are audited.
    const admins = await call(sim.url, '/api/users?limit=100', {
      key: res.json.key,
    });
    const owner = admins.json.results.find(
      (a: any) => a.apiKeyHash?.prefix === res.json.key.slice(0, 8),
    );
    expect(owner).toBeDefined();
    const attempts = await call(sim.url, '/insights/directory/v1/events', {
      key: res.json.key,
      body: {
        service: ['directory'],
        start_time: new Date(Date.now() - 60_000).toISOString(),
        search_term: { and: [{ event_type: 'admin_old_api_key_attempt' }] },
      },
    });
    expect(
      attempts.json.filter((e: any) => e.initiated_by.id === owner._id),
    ).toHaveLength(2);

    sim.control.reset();
    expect(
      (await call(sim.url, '/api/systems?limit=1', { key: old })).status,
    ).toBe(200);
  });

  it('accepts extra keys', async () => {
    const extra = await startSimulator({
      extraKeys: { jcsim_test_key: { role: 'Read Only' } },
    });
    try {
      expect(
        (
          await call(extra.url, '/api/systems?limit=1', {
            key: 'jcsim_test_key',
          })
        ).status,
      ).toBe(200);
    } finally {
      await extra.close();
    }
  });
});

describe('service accounts (OAuth client credentials)', () => {
  let sim: StartedSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 7 });
  });
  afterAll(() => sim.close());

  const token = (auth: string, grant = 'client_credentials') =>
    fetch(`${sim.url}/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(auth).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: `grant_type=${grant}&scope=api`,
    });

  it('issues one-hour Bearer tokens usable instead of x-api-key', async () => {
    const { clientId, clientSecret } = sim.serviceAccount;
    const res = await token(`${clientId}:${clientSecret}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    const systems = await call(sim.url, '/api/systems?limit=1', {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(systems.status).toBe(200);
    expect(systems.json.results[0].organization).toBe(sim.orgId);
    expect(
      (
        await call(sim.url, '/api/systems', {
          headers: { authorization: 'Bearer jct_nope' },
        })
      ).status,
    ).toBe(401);
  });

  it('rejects bad credentials and grants', async () => {
    expect((await token(`${sim.serviceAccount.clientId}:wrong`)).status).toBe(
      401,
    );
    expect(
      (
        await token(
          `${sim.serviceAccount.clientId}:${sim.serviceAccount.clientSecret}`,
          'password',
        )
      ).status,
    ).toBe(400);
    const eu = await fetch(`${sim.regionUrls.eu}/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(
          `${sim.serviceAccount.clientId}:${sim.serviceAccount.clientSecret}`,
        ).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    expect(eu.status).toBe(401);
  });

  it('lists the service account in the control API', async () => {
    const info = await call(sim.url, '/__simulator/');
    expect(info.json.serviceAccount).toEqual(sim.serviceAccount);
  });

  it('form-decodes Basic credentials (RFC 6749) and splits at the first colon', async () => {
    const { clientId, clientSecret } = sim.serviceAccount;
    const res = await token(
      `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`,
    );
    expect(res.status).toBe(200);
    expect((await token(`${clientId}:${clientSecret}:extra`)).status).toBe(401);
  });

  it('issues tokens with the configured lifetime and expires them on demand', async () => {
    const { clientId, clientSecret } = sim.serviceAccount;
    const issuedBefore = sim.control.tokensIssued();
    sim.control.setTokenTtl(1);
    try {
      const body = await (await token(`${clientId}:${clientSecret}`)).json();
      expect(body.expires_in).toBe(1);
      expect(sim.control.tokensIssued()).toBe(issuedBefore + 1);
      expect(sim.control.settings().tokenTtlSeconds).toBe(1);
      const bearer = { authorization: `Bearer ${body.access_token}` };
      expect(
        (await call(sim.url, '/api/systems?limit=1', { headers: bearer }))
          .status,
      ).toBe(200);
      await new Promise(resolve => setTimeout(resolve, 1100));
      expect(
        (await call(sim.url, '/api/systems?limit=1', { headers: bearer }))
          .status,
      ).toBe(401);

      // Through the control API: a fresh token, expired at once.
      const ttl = await call(sim.url, '/__simulator/oauth/token-ttl', {
        method: 'PUT',
        body: { seconds: null },
      });
      expect(ttl.json.tokenTtlSeconds).toBe(3600);
      const fresh = await (await token(`${clientId}:${clientSecret}`)).json();
      const headers = { authorization: `Bearer ${fresh.access_token}` };
      expect(
        (await call(sim.url, '/api/systems?limit=1', { headers })).status,
      ).toBe(200);
      expect(
        (await call(sim.url, '/__simulator/oauth/expire', { body: {} })).status,
      ).toBe(204);
      expect(
        (await call(sim.url, '/api/systems?limit=1', { headers })).status,
      ).toBe(401);
    } finally {
      sim.control.setTokenTtl(null);
    }
  });
});
