import { storeSnapshot } from '../__testUtils__/storeSnapshot';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import express from 'express';
import request from 'supertest';
import {
  activeUser,
  healthySnapshot,
  macDevice,
} from '../checks/__fixtures__/snapshot';
import { migrated } from '../evaluation/__testUtils__/harness';
import { AssetsReader } from './AssetsReader';
import { createAssetsRoutes } from './assetsRoutes';
import type { AppliedConnection } from './snapshotScope';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

const connection: AppliedConnection = {
  id: 'c1',
  name: 'acme',
  orgId: 'org1',
  region: 'us',
  apiUrl: 'https://console.jumpcloud.com',
  users: 'ingest',
  latestCompleteRunId: 'run1',
  snapshotRunId: null,
};

/**
 * alice reaches mac1 through the Engineering user group, bob directly and
 * through the Laptops device group, and carol (not in the snapshot) through
 * a group the run did not read.
 */
function snapshot() {
  const s = healthySnapshot();
  s.systems = [macDevice()];
  s.users = [
    activeUser({ _id: 'u1', username: 'alice', displayname: 'Alice Liddell' }),
    activeUser({ _id: 'u2', username: 'bob', displayname: 'Bob Stone' }),
  ];
  s.userSystemBindings = [
    { userId: 'u1', systemId: 'mac1', viaGroup: true, viaGroupIds: ['g1'] },
    {
      userId: 'u2',
      systemId: 'mac1',
      viaGroup: false,
      viaGroupIds: ['sg1'],
      sudo: { enabled: true },
    },
    { userId: 'u3', systemId: 'mac1', viaGroup: true, viaGroupIds: ['gx'] },
  ];
  return s;
}

describe.each(ids)('asset detail routes on %s', databaseId => {
  let app: express.Express;

  beforeAll(async () => {
    const knex = await migrated(await databases.init(databaseId));
    await storeSnapshot(knex, 'run1', 'c1', snapshot());
    app = express();
    app.use(
      createAssetsRoutes({
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions(),
        auditor: mockServices.auditor.mock(),
        assets: new AssetsReader(knex),
        connections: {
          list: async () => [connection],
          get: async id => (id === connection.id ? connection : undefined),
        },
      }),
    );
    app.use(mockErrorHandler());
  });

  const get = (path: string) =>
    request(app).get(path).set('authorization', mockCredentials.user.header());

  it("names a device's users and the groups that grant their access", async () => {
    const res = await get('/assets/devices/c1/mac1');
    expect(res.status).toBe(200);
    expect(res.body.boundUsers).toEqual([
      {
        userId: 'u1',
        userName: 'Alice Liddell',
        viaGroup: true,
        viaGroups: [{ id: 'g1', name: 'Engineering' }],
        sudo: null,
        sudoWithoutPassword: null,
      },
      {
        userId: 'u2',
        userName: 'Bob Stone',
        viaGroup: false,
        viaGroups: [{ id: 'sg1', name: 'Laptops' }],
        sudo: true,
        sudoWithoutPassword: null,
      },
      {
        userId: 'u3',
        userName: null,
        viaGroup: true,
        viaGroups: [{ id: 'gx', name: 'gx' }],
        sudo: null,
        sudoWithoutPassword: null,
      },
    ]);
  });

  it("names a user's devices", async () => {
    const res = await get('/assets/users/c1/u1');
    expect(res.status).toBe(200);
    expect(res.body.boundDevices).toEqual([
      expect.objectContaining({
        deviceId: 'mac1',
        deviceName: 'mac-1',
        viaGroups: [{ id: 'g1', name: 'Engineering' }],
      }),
    ]);
  });

  it('answers 404 for a device the run does not hold and 400 for a bad id', async () => {
    expect((await get('/assets/devices/c1/nope')).status).toBe(404);
    expect((await get('/assets/devices/c1/bad%20id!')).status).toBe(400);
  });
});
