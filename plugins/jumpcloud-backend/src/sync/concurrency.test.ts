import { startSimulator } from '@backstage-jumpcloud/jumpcloud-simulator';
import type { TestDatabaseId } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases, waitFor } from '@backstage-jumpcloud/test-utils';
import {
  asAdmin,
  asReader,
  startJumpCloudTestBackend,
} from '../__testUtils__/testBackend';

jest.setTimeout(120_000);

const { databases, ids } = createTestDatabases();
const postgres: TestDatabaseId[] = ids.filter(id => id.startsWith('POSTGRES'));
// The replicas need a shared server database; SQLite here is in-memory.
if (!postgres.length) {
  // eslint-disable-next-line no-console
  console.log('Two-replica test skipped: it needs PostgreSQL');
}

// Two replicas on one PostgreSQL: the scheduler's global lock plus the
// one-running-run index must give exactly one run per connection.
const targets: TestDatabaseId[] = postgres.length ? postgres : ['POSTGRES_15'];
(postgres.length ? describe : describe.skip).each(targets)(
  'two backend instances on %s',
  databaseId => {
    it('run each connection exactly once when syncs are triggered concurrently on both', async () => {
      // Latency stretches the sync so all triggers land while it runs.
      const simulator = await startSimulator({
        seed: 5,
        size: 'S',
        latencyMs: 15,
      });
      const knexA = await databases.init(databaseId);
      // A second pool on the same database, as a second replica would have.
      const knexB = knexFactory(knexA.client.config as Knex.Config);
      const jumpcloud = {
        encryptionSecret: 'concurrency-test-secret-0123456789',
        allowedHosts: [new URL(simulator.url).host],
        connections: [
          {
            name: 'alpha',
            apiUrl: simulator.url,
            apiKey: simulator.keys.readOnly,
            syncFrequency: 'hourly',
          },
          {
            name: 'beta',
            apiUrl: simulator.url,
            apiKey: simulator.keys.admin,
            syncFrequency: 'off',
          },
        ],
      };
      const a = await startJumpCloudTestBackend({ knex: knexA, jumpcloud });
      const b = await startJumpCloudTestBackend({ knex: knexB, jumpcloud });
      try {
        const list = await request(a.server)
          .get('/api/jumpcloud/connections')
          .set('authorization', asReader());
        expect(list.body).toHaveLength(2);
        // alpha runs on its schedule (due at start-up on both replicas);
        // beta only by Sync Now, sent to both replicas at once.
        const beta = list.body.find((c: { name: string }) => c.name === 'beta');
        const triggers = [];
        for (const conn of [beta]) {
          for (let i = 0; i < 5; i++) {
            triggers.push(
              request(a.server)
                .post(`/api/jumpcloud/connections/${conn.id}/sync`)
                .set('authorization', asAdmin()),
            );
            triggers.push(
              request(b.server)
                .post(`/api/jumpcloud/connections/${conn.id}/sync`)
                .set('authorization', asAdmin()),
            );
          }
        }
        const responses = await Promise.all(triggers);
        expect(responses.map(r => r.status)).toEqual(responses.map(() => 202));
        expect(new Set(responses.map(r => r.body.id)).size).toBe(1);

        await waitFor(
          async () => {
            const runs = await request(b.server)
              .get('/api/jumpcloud/runs')
              .set('authorization', asReader());
            const finished = runs.body.items.filter(
              (r: { status: string }) => r.status !== 'running',
            );
            return finished.length >= 2 ? true : undefined;
          },
          90_000,
          500,
        );
        // Let both schedulers poll again: nothing new may start.
        await new Promise(resolve => setTimeout(resolve, 6_000));

        const runs = await knexA('jc_sync_runs').select(
          'connection_id',
          'status',
          'claimed_by',
        );
        for (const conn of list.body) {
          const ofConnection = runs.filter(r => r.connection_id === conn.id);
          expect(ofConnection).toHaveLength(1);
          expect(ofConnection[0].status).not.toBe('running');
          expect(ofConnection[0].claimed_by).toBeTruthy();
        }
      } finally {
        await a.backend.stop();
        await b.backend.stop();
        await knexB.destroy();
        await simulator.close();
      }
    });
  },
);
