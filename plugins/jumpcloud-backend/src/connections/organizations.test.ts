import {
  SIZES,
  startSimulator,
} from '@backstage-jumpcloud/jumpcloud-simulator';
import request from 'supertest';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import {
  asAdmin,
  startJumpCloudTestBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();

// The organisation picker of the Connections tab is fed by Test Connection
// (POST /connections/test): an MSP key with 150 organisations must get all
// of them, not the first page of /api/organizations.
describe.each(ids)('organisations of a multi-tenant key on %s', databaseId => {
  let simulator: Awaited<ReturnType<typeof startSimulator>>;
  let harness: Awaited<ReturnType<typeof startJumpCloudTestBackend>>;

  beforeAll(async () => {
    simulator = await startSimulator({
      seed: 3,
      size: { ...SIZES.S, extraOrgs: 149, extraOrgScale: 0.01 },
    });
    harness = await startJumpCloudTestBackend({
      knex: await databases.init(databaseId),
      jumpcloud: {
        encryptionSecret: 'organizations-test-secret-organizations',
        allowedHosts: [new URL(simulator.url).host],
      },
    });
  });

  afterAll(async () => {
    await harness?.backend.stop();
    await simulator?.close();
  });

  it('Test Connection returns every organisation for the picker', async () => {
    const res = await request(harness.server)
      .post('/api/jumpcloud/connections/test')
      .set('authorization', asAdmin())
      .send({ apiUrl: simulator.url, apiKey: simulator.keys.multiTenant });
    expect(res.status).toBe(200);
    expect(res.body.error.kind).toBe('org_required');
    expect(res.body.organizations).toHaveLength(150);
    expect(
      res.body.organizations.map((o: { id: string }) => o.id).sort(),
    ).toEqual(simulator.orgs.map(o => o.id).sort());
  });

  it('tests a tenant beyond the first 100 as working', async () => {
    const tenant = simulator.orgs.map(o => o.id).sort()[140];
    const res = await request(harness.server)
      .post('/api/jumpcloud/connections/test')
      .set('authorization', asAdmin())
      .send({
        apiUrl: simulator.url,
        apiKey: simulator.keys.multiTenant,
        orgId: tenant,
      });
    expect(res.status).toBe(200);
    expect(res.body.error).toBeUndefined();
    expect(res.body.ok).toBe(true);
    expect(res.body.capabilities.devices.state).toBe('available');
  });
});
