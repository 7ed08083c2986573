import { startSimulator } from '@backstage-jumpcloud/jumpcloud-simulator';
import type { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases, waitFor } from '@backstage-jumpcloud/test-utils';
import {
  asAdmin,
  asReader,
  asService,
  startJumpCloudTestBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();

// Distinctive wrong secrets, so any occurrence anywhere is unambiguous.
const WRONG_SECRET = 'SECRET_wrong_client_secret_9f8e7d6c';
const OTHER_SECRET = 'SECRET_other_client_secret_1a2b3c4d';

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

describe.each(ids)('service-account connections on %s', databaseId => {
  let simulator: Simulator;
  let harness: Awaited<ReturnType<typeof startJumpCloudTestBackend>>;
  let knex: Knex;
  const bodies: string[] = [];

  beforeAll(async () => {
    // Short-lived tokens: a sync renews its token along the way.
    simulator = await startSimulator({
      seed: 11,
      size: 'S',
      tokenTtlSeconds: 2,
    });
    knex = await databases.init(databaseId);
    harness = await startJumpCloudTestBackend({
      knex,
      jumpcloud: {
        encryptionSecret: 'service-account-test-secret-0123456789',
        allowedHosts: [new URL(simulator.url).host],
        connections: [
          {
            name: 'cfg-service-account',
            apiUrl: simulator.url,
            authType: 'serviceAccount',
            clientId: simulator.serviceAccount.clientId,
            clientSecret: simulator.serviceAccount.clientSecret,
            syncFrequency: 'off',
          },
        ],
      },
    });
  });

  afterAll(async () => {
    await harness?.backend.stop();
    await simulator?.close();
  });

  /** Every response is kept, to look for secrets at the end. */
  const call = async (test: request.Test) => {
    const response = await test;
    bodies.push(response.text, JSON.stringify(response.headers));
    return response;
  };
  const api = () => request(harness.server);
  const post = (path: string, body: object) =>
    call(
      api()
        .post(`/api/jumpcloud${path}`)
        .set('authorization', asAdmin())
        .send(body),
    );
  const patch = (id: string, body: object) =>
    call(
      api()
        .patch(`/api/jumpcloud/connections/${id}`)
        .set('authorization', asAdmin())
        .send(body),
    );
  const get = (path: string) =>
    call(api().get(`/api/jumpcloud${path}`).set('authorization', asReader()));
  const serviceAccount = () => ({
    authType: 'serviceAccount',
    clientId: simulator.serviceAccount.clientId,
    clientSecret: simulator.serviceAccount.clientSecret,
  });

  async function syncToEnd(connectionId: string) {
    const started = await post(`/connections/${connectionId}/sync`, {});
    expect(started.status).toBe(202);
    return waitFor(
      async () => {
        const res = await get(`/runs/${started.body.id}`);
        return res.body.status === 'running' ? undefined : res.body;
      },
      60_000,
      250,
    );
  }

  it('creates a service-account connection: client ID shown, secret only by its last 4, encrypted at rest', async () => {
    const created = await post('/connections', {
      name: 'sa',
      apiUrl: simulator.url,
      ...serviceAccount(),
      syncFrequency: 'off',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'sa',
      authType: 'serviceAccount',
      clientId: simulator.serviceAccount.clientId,
      clientSecretLast4: simulator.serviceAccount.clientSecret.slice(-4),
      apiKeyLast4: null,
      status: 'never_synced',
    });
    expect(created.body.clientSecret).toBeUndefined();

    const row = await knex('jc_connections')
      .where({ id: created.body.id })
      .first();
    expect(row.auth_type).toBe('serviceAccount');
    expect(row.client_id).toBe(simulator.serviceAccount.clientId);
    expect(row.api_key_encrypted).toMatch(/^v1\./);
    expect(row.api_key_encrypted).not.toContain(
      simulator.serviceAccount.clientSecret,
    );

    // "Service account" is inferred from the client credentials.
    const inferred = await post('/connections/test', {
      apiUrl: simulator.url,
      clientId: simulator.serviceAccount.clientId,
      clientSecret: simulator.serviceAccount.clientSecret,
    });
    expect(inferred.status).toBe(200);
    expect(inferred.body.ok).toBe(true);
  });

  it('refuses incomplete or mixed credentials with a 400 naming the field', async () => {
    const base = { apiUrl: simulator.url, syncFrequency: 'off' };
    const cases: Array<[object, string, RegExp]> = [
      [
        { authType: 'serviceAccount', clientId: 'x' },
        'clientSecret',
        /required/,
      ],
      [{ authType: 'serviceAccount' }, 'clientId', /required/],
      [{ clientSecret: OTHER_SECRET }, 'clientId', /required/],
      [
        { apiKey: simulator.keys.readOnly, clientSecret: OTHER_SECRET },
        'apiKey',
        /cannot be combined/,
      ],
      [
        { authType: 'apiKey', clientId: 'x' },
        'clientId',
        /only for authType serviceAccount/,
      ],
      [
        { authType: 'serviceAccount', apiKey: simulator.keys.readOnly },
        'apiKey',
        /only for authType apiKey/,
      ],
      [
        { clientId: 'x', clientSecret: `${OTHER_SECRET} with spaces` },
        'clientSecret',
        /without spaces/,
      ],
      [{ clientId: 'x', clientSecret: 'short' }, 'clientSecret', /at least 8/],
      [
        { clientId: 'bad id', clientSecret: OTHER_SECRET },
        'clientId',
        /without spaces/,
      ],
      [{ authType: 'oauth', clientId: 'x' }, 'authType', /./],
      [{}, 'apiKey', /required/],
    ];
    for (const [credentials, field, message] of cases) {
      for (const path of ['/connections', '/connections/test']) {
        const res = await post(path, { ...base, ...credentials });
        expect({ path, credentials, status: res.status }).toEqual({
          path,
          credentials,
          status: 400,
        });
        expect({ path, credentials, fields: res.body.error.fields }).toEqual({
          path,
          credentials,
          fields: { [field]: expect.stringMatching(message) },
        });
      }
    }

    // On update: switching or changing the client ID needs the secret.
    const keyed = await post('/connections', {
      ...base,
      name: 'keyed',
      apiKey: simulator.keys.readOnly,
    });
    const switchNoSecret = await patch(keyed.body.id, {
      authType: 'serviceAccount',
      clientId: simulator.serviceAccount.clientId,
    });
    expect(switchNoSecret.status).toBe(400);
    expect(switchNoSecret.body.error.fields).toEqual({
      clientSecret: 'is required for a service account',
    });
    const secretOnly = await patch(keyed.body.id, {
      clientSecret: OTHER_SECRET,
    });
    expect(secretOnly.status).toBe(400);
    expect(secretOnly.body.error.fields.clientId).toMatch(/required/);

    const sa = await post('/connections', {
      ...base,
      name: 'sa-update',
      ...serviceAccount(),
    });
    const newIdNoSecret = await patch(sa.body.id, { clientId: 'another' });
    expect(newIdNoSecret.status).toBe(400);
    expect(newIdNoSecret.body.error.fields).toEqual({
      clientSecret: 'is required with a new clientId',
    });
    const toKeyNoKey = await patch(sa.body.id, { authType: 'apiKey' });
    expect(toKeyNoKey.status).toBe(400);
    expect(toKeyNoKey.body.error.fields.apiKey).toMatch(/required/);
    // Nothing of the refused updates was kept.
    expect((await get(`/connections/${sa.body.id}`)).body).toMatchObject({
      authType: 'serviceAccount',
      clientId: simulator.serviceAccount.clientId,
    });
  });

  it('tests unsaved and saved service accounts, explaining refused credentials', async () => {
    const ok = await post('/connections/test', {
      apiUrl: simulator.url,
      ...serviceAccount(),
    });
    expect(ok.body).toMatchObject({ ok: true });
    expect(ok.body.capabilities.devices.count).toBeGreaterThan(0);

    const refused = await post('/connections/test', {
      apiUrl: simulator.url,
      ...serviceAccount(),
      clientSecret: WRONG_SECRET,
    });
    expect(refused.status).toBe(200);
    expect(refused.body.ok).toBe(false);
    expect(refused.body.error.kind).toBe('invalid_key');
    expect(refused.body.error.message).toMatch(
      /service account .*client ID and secret were not accepted/,
    );

    const sa = (await get('/connections')).body.find(
      (c: { name: string }) => c.name === 'sa',
    );
    const saved = await post(`/connections/${sa.id}/test`, {});
    expect(saved.body.ok).toBe(true);
    // A saved connection tested with an edited secret.
    const edited = await post(`/connections/${sa.id}/test`, {
      clientSecret: WRONG_SECRET,
    });
    expect(edited.body.error.kind).toBe('invalid_key');
  });

  it('reaches a full sync with a service account, renewing its token on the way', async () => {
    const sa = (await get('/connections')).body.find(
      (c: { name: string }) => c.name === 'sa',
    );
    simulator.control.resetCounters();
    const issued = simulator.control.tokensIssued();
    // One-second tokens and slower answers: the sync outlives its first token.
    simulator.control.setTokenTtl(1);
    simulator.control.setLatency(10);
    const run = await syncToEnd(sa.id).finally(() => {
      simulator.control.setTokenTtl(null);
      simulator.control.setLatency(0);
    });
    expect(run.requests).toBeGreaterThan(0);
    expect(run.counts.systems).toBe(
      simulator.dataset.orgs.find(o => o.id === simulator.orgId)!.systems
        .length,
    );
    const counters = simulator.control.counters();
    // Every request of the sync went with the service account's token.
    expect(counters.byKey).toEqual({ serviceAccount: counters.total });
    expect(simulator.control.tokensIssued()).toBeGreaterThanOrEqual(issued + 2);
    expect(run).toMatchObject({ status: 'succeeded', failedDataTypes: {} });
    expect((await get(`/connections/${sa.id}`)).body).toMatchObject({
      status: 'healthy',
      latestCompleteRunId: run.id,
    });
    const devices = await get(`/assets/devices?connectionId=${sa.id}&limit=1`);
    expect(devices.body.totalCount).toBe(run.counts.systems);
  });

  it('rotates the client secret like a key: a refused one needs attention, the right one clears it', async () => {
    const sa = (await get('/connections')).body.find(
      (c: { name: string }) => c.name === 'sa',
    );
    const wrong = await patch(sa.id, { clientSecret: WRONG_SECRET });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({
      authType: 'serviceAccount',
      clientId: simulator.serviceAccount.clientId,
      clientSecretLast4: WRONG_SECRET.slice(-4),
    });
    const failed = await syncToEnd(sa.id);
    expect(failed).toMatchObject({ status: 'failed', stage: 'fetch' });
    expect(failed.error.kind).toBe('invalid_key');
    const attention = (await get(`/connections/${sa.id}`)).body;
    expect(attention.status).toBe('needs_attention');
    expect(attention.statusReason).toMatch(/service account/);

    const right = await patch(sa.id, {
      clientSecret: simulator.serviceAccount.clientSecret,
    });
    expect(right.body).toMatchObject({
      statusReason: null,
      clientSecretLast4: simulator.serviceAccount.clientSecret.slice(-4),
    });
    const history = await get(`/history?connectionId=${sa.id}`);
    expect(
      history.body.items
        .map((h: { action: string }) => h.action)
        .filter((a: string) => a !== 'test'),
    ).toEqual(['rotate_key', 'sync', 'rotate_key', 'sync', 'create']);
    expect((await syncToEnd(sa.id)).status).not.toBe('failed');
  });

  it('switches a connection between an API key and a service account', async () => {
    const created = await post('/connections', {
      name: 'switch',
      apiUrl: simulator.url,
      apiKey: simulator.keys.readOnly,
      syncFrequency: 'off',
    });
    expect(created.body).toMatchObject({
      authType: 'apiKey',
      apiKeyLast4: simulator.keys.readOnly.slice(-4),
      clientId: null,
      clientSecretLast4: null,
    });
    const toServiceAccount = await patch(created.body.id, serviceAccount());
    expect(toServiceAccount.body).toMatchObject({
      authType: 'serviceAccount',
      apiKeyLast4: null,
      clientId: simulator.serviceAccount.clientId,
    });
    expect(
      (await post(`/connections/${created.body.id}/test`, {})).body.ok,
    ).toBe(true);
    const back = await patch(created.body.id, {
      apiKey: simulator.keys.readOnly,
    });
    expect(back.body).toMatchObject({
      authType: 'apiKey',
      apiKeyLast4: simulator.keys.readOnly.slice(-4),
      clientId: null,
      clientSecretLast4: null,
    });
    const row = await knex('jc_connections')
      .where({ id: created.body.id })
      .first();
    expect(row.client_id).toBeNull();
  });

  it('reads service accounts from app-config, read-only', async () => {
    const cfg = (await get('/connections')).body.find(
      (c: { name: string }) => c.name === 'cfg-service-account',
    );
    expect(cfg).toMatchObject({
      source: 'config',
      authType: 'serviceAccount',
      clientId: simulator.serviceAccount.clientId,
      apiKeyLast4: null,
    });
    expect((await post(`/connections/${cfg.id}/test`, {})).body.ok).toBe(true);
    const refused = await patch(cfg.id, { clientSecret: OTHER_SECRET });
    expect(refused.status).toBe(409);
  });

  it('never shows a client secret in a response, a log line or a database row', async () => {
    for (const path of [
      '/connections',
      '/runs',
      '/history',
      '/catalog/connections',
    ]) {
      await call(
        api().get(`/api/jumpcloud${path}`).set('authorization', asService()),
      );
    }
    const rows: string[] = [];
    for (const table of ['jc_connections', 'jc_sync_runs', 'jc_history']) {
      rows.push(JSON.stringify(await knex(table).select('*')));
    }
    expect(bodies.length).toBeGreaterThan(40);
    for (const secret of [
      simulator.serviceAccount.clientSecret,
      WRONG_SECRET,
      OTHER_SECRET,
    ]) {
      expect(bodies.filter(b => b.includes(secret))).toEqual([]);
      expect(harness.logs.lines.filter(l => l.includes(secret))).toEqual([]);
      expect(rows.filter(r => r.includes(secret))).toEqual([]);
    }
  });
});
