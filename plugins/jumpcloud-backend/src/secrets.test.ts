import { startSimulator } from '@backstage-jumpcloud/jumpcloud-simulator';
import type { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases, waitFor } from '@backstage-jumpcloud/test-utils';
import {
  asAdmin,
  asReader,
  asService,
  startJumpCloudTestBackend,
} from './__testUtils__/testBackend';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();

// Distinctive keys, so any occurrence anywhere is unambiguous.
const UI_KEY = 'jcsim_SECRET_ui_key_a1b2c3d4e5f6';
const ROTATED_KEY = 'jcsim_SECRET_rotated_key_0f9e8d7c';
const CONFIG_KEY = 'jcsim_SECRET_config_key_55aa55aa';
const SECRETS = [UI_KEY, ROTATED_KEY, CONFIG_KEY];

async function allRows(knex: Knex): Promise<string> {
  const client = knex.client.config.client as string;
  const tables: string[] = client.includes('sqlite')
    ? (await knex('sqlite_master').where({ type: 'table' }).select('name')).map(
        (r: { name: string }) => r.name,
      )
    : (
        await knex('information_schema.tables')
          .where({ table_schema: 'public' })
          .select('table_name')
      ).map((r: { table_name: string }) => r.table_name);
  let dump = '';
  for (const table of tables) {
    dump += JSON.stringify(await knex(table).select('*'));
  }
  return dump;
}

describe.each(ids)('API keys stay secret on %s', databaseId => {
  it('never appear in responses, logs or database rows', async () => {
    const simulator = await startSimulator({
      seed: 3,
      size: 'S',
      extraKeys: {
        [UI_KEY]: { role: 'Read Only' },
        [ROTATED_KEY]: { role: 'Read Only' },
        [CONFIG_KEY]: { role: 'Read Only' },
      },
    });
    const knex = await databases.init(databaseId);
    const { backend, server, logs } = await startJumpCloudTestBackend({
      knex,
      jumpcloud: {
        encryptionSecret: 'secrets-test-secret-secrets-test-secret',
        allowedHosts: [new URL(simulator.url).host],
        connections: [
          {
            name: 'cfg',
            apiUrl: simulator.url,
            apiKey: CONFIG_KEY,
            syncFrequency: 'off',
          },
        ],
      },
    });
    const bodies: string[] = [];
    const call = async (res: request.Test) => {
      const response = await res;
      bodies.push(response.text, JSON.stringify(response.headers));
      return response;
    };
    try {
      const api = () => request(server);
      await call(
        api()
          .post('/api/jumpcloud/connections/test')
          .set('authorization', asAdmin())
          .send({ apiUrl: simulator.url, apiKey: UI_KEY }),
      );
      // Invalid keys are refused without being echoed.
      await call(
        api()
          .post('/api/jumpcloud/connections')
          .set('authorization', asAdmin())
          .send({ apiUrl: simulator.url, apiKey: `${UI_KEY} with spaces` }),
      );
      await call(
        api()
          .post('/api/jumpcloud/connections')
          .set('authorization', asAdmin())
          .send({ apiUrl: 'https://evil.example', apiKey: UI_KEY }),
      );
      const created = await call(
        api()
          .post('/api/jumpcloud/connections')
          .set('authorization', asAdmin())
          .send({
            name: 'secret',
            apiUrl: simulator.url,
            apiKey: UI_KEY,
            syncFrequency: 'off',
          }),
      );
      expect(created.status).toBe(201);
      const id = created.body.id;
      await call(
        api()
          .post(`/api/jumpcloud/connections/${id}/test`)
          .set('authorization', asAdmin())
          .send({}),
      );
      const started = await call(
        api()
          .post(`/api/jumpcloud/connections/${id}/sync`)
          .set('authorization', asAdmin()),
      );
      await waitFor(
        async () => {
          const res = await call(
            api()
              .get(`/api/jumpcloud/runs/${started.body.id}`)
              .set('authorization', asReader()),
          );
          return res.body.status === 'running' ? undefined : res.body;
        },
        60_000,
        250,
      );
      await call(
        api()
          .patch(`/api/jumpcloud/connections/${id}`)
          .set('authorization', asAdmin())
          .send({ apiKey: ROTATED_KEY }),
      );
      await call(
        api()
          .post(`/api/jumpcloud/connections/${id}/test`)
          .set('authorization', asAdmin())
          .send({ apiKey: 'wrong-key-value-123' }),
      );
      const cfg = (
        await call(
          api()
            .get('/api/jumpcloud/connections')
            .set('authorization', asReader()),
        )
      ).body.find((c: { name: string }) => c.name === 'cfg');
      await call(
        api()
          .post(`/api/jumpcloud/connections/${cfg.id}/test`)
          .set('authorization', asAdmin())
          .send({}),
      );
      for (const path of [
        '/connections',
        `/connections/${id}`,
        '/runs',
        '/history',
        '/assets/users',
        '/catalog/connections',
      ]) {
        await call(
          api().get(`/api/jumpcloud${path}`).set('authorization', asService()),
        );
      }
      await call(
        api()
          .get(`/api/jumpcloud/catalog/snapshot?connectionId=${id}&type=users`)
          .set('authorization', asService()),
      );

      expect(bodies.length).toBeGreaterThan(20);
      expect(logs.lines.length).toBeGreaterThan(10);
      const rows = await allRows(knex);
      expect(rows).toContain('v1.'); // the encrypted form is there
      for (const secret of SECRETS) {
        expect(bodies.filter(b => b.includes(secret))).toEqual([]);
        expect(logs.lines.filter(l => l.includes(secret))).toEqual([]);
        expect(rows.includes(secret)).toBe(false);
      }
    } finally {
      await backend.stop();
      await simulator.close();
    }
  });
});
