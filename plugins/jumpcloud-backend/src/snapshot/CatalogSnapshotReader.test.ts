import { storeSnapshot } from '../__testUtils__/storeSnapshot';
import request from 'supertest';
import type { SnapshotReadType } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { createTestDatabases } from '@backstage-jumpcloud/test-utils';
import { syntheticSnapshot } from '../__testUtils__/syntheticSnapshot';
import {
  asService,
  startJumpCloudTestBackend,
} from '../__testUtils__/testBackend';
import {
  CatalogSnapshotReader,
  SNAPSHOT_READ_TYPES,
  decodeCursor,
  encodeCursor,
} from './CatalogSnapshotReader';
import { migrateDatabase } from '../database/migrateDatabase';

jest.setTimeout(60_000);

const { databases, ids } = createTestDatabases();

describe.each(ids)('CatalogSnapshotReader on %s', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    await migrateDatabase(knex);
    await storeSnapshot(knex, 'run1', 'c1', syntheticSnapshot(25, 12));
    return knex;
  }

  async function readAll(
    reader: CatalogSnapshotReader,
    type: SnapshotReadType,
    limit: number,
    direct = false,
  ) {
    const parsed: unknown[] = [];
    const fromJson: unknown[] = [];
    let after: string | number | undefined;
    let totalCount: number | undefined;
    for (;;) {
      const options = { runId: 'run1', type, after, limit, totalCount, direct };
      const page = await reader.read(options);
      const text = await reader.readJson(options);
      expect(text.next).toEqual(page.next);
      expect(text.totalCount).toBe(page.totalCount);
      parsed.push(...page.items);
      fromJson.push(...JSON.parse(text.itemsJson));
      totalCount = page.totalCount;
      if (page.next === null) break;
      after = page.next;
    }
    return { parsed, fromJson, totalCount };
  }

  it('serves the stored JSON text exactly as the parsed items, every type', async () => {
    const knex = await setup();
    const reader = new CatalogSnapshotReader(knex);
    for (const type of SNAPSHOT_READ_TYPES) {
      const { parsed, fromJson, totalCount } = await readAll(reader, type, 7);
      expect(fromJson).toEqual(parsed);
      expect(parsed).toHaveLength(totalCount!);
    }
    const { parsed: systems } = await readAll(reader, 'systems', 100);
    expect(systems).toHaveLength(25);
    expect(systems[0]).toMatchObject({ _id: 'sys0000', hostname: 'host-0' });
    await knex.destroy();
  });

  it('serves {} for an empty raw column, as parsing did', async () => {
    const knex = await setup();
    await knex('jc_devices')
      .where({ run_id: 'run1', id: 'sys0001' })
      .update({ raw: '' });
    const reader = new CatalogSnapshotReader(knex);
    const page = await reader.read({
      runId: 'run1',
      type: 'systems',
      limit: 3,
    });
    const text = await reader.readJson({
      runId: 'run1',
      type: 'systems',
      limit: 3,
    });
    expect(page.items[1]).toEqual({});
    expect(JSON.parse(text.itemsJson)).toEqual(page.items);
    await knex.destroy();
  });

  it('reads only direct bindings when asked, paged and counted on their own', async () => {
    const knex = await setup();
    const reader = new CatalogSnapshotReader(knex);
    const all = await readAll(reader, 'userSystemBindings', 5);
    expect(all.totalCount).toBe(12);
    const direct = await readAll(reader, 'userSystemBindings', 4, true);
    expect(direct.totalCount).toBe(6);
    expect(direct.parsed).toEqual(
      all.parsed.filter(b => !(b as { viaGroup: boolean }).viaGroup),
    );
    expect(direct.fromJson).toEqual(direct.parsed);
    await expect(
      reader.read({ runId: 'run1', type: 'systems', limit: 5, direct: true }),
    ).rejects.toThrow(/direct/);
    await knex.destroy();
  });
});

describe('snapshot cursors', () => {
  it('carry the direct flag and reject anything else in its place', () => {
    const cursor = {
      runId: 'r',
      after: 7,
      type: 'userSystemBindings' as const,
      totalCount: 3,
      direct: true,
    };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(encodeCursor({ ...cursor, direct: false }))).toEqual({
      runId: 'r',
      after: 7,
      type: 'userSystemBindings',
      totalCount: 3,
    });
    const forged = (value: unknown) =>
      Buffer.from(JSON.stringify(value)).toString('base64url');
    expect(
      decodeCursor(forged(['r', 7, 'userSystemBindings', 3, 'all'])),
    ).toBeUndefined();
    expect(
      decodeCursor(forged(['r', 7, 'userSystemBindings', 3, 'direct', 1])),
    ).toBeUndefined();
  });
});

describe('GET /catalog/snapshot', () => {
  it('pages direct bindings with direct=true and refuses it for other types', async () => {
    const knex = await databases.init(ids[0]);
    const harness = await startJumpCloudTestBackend({
      knex,
      jumpcloud: {
        encryptionSecret: 'catalog-route-secret-catalog-route',
        allowedHosts: ['127.0.0.1:1'],
        connections: [
          {
            name: 'snap',
            apiUrl: 'http://127.0.0.1:1',
            apiKey: 'jca_0123456789abcdef0123456789abcdef01234567',
            syncFrequency: 'off',
          },
        ],
      },
    });
    try {
      const [connection] = await knex('jc_connections').select('id');
      await storeSnapshot(
        knex,
        'run1',
        connection.id,
        syntheticSnapshot(5, 12),
      );
      await knex('jc_connections')
        .where({ id: connection.id })
        .update({ latest_complete_run_id: 'run1' });
      const get = (query: string) =>
        request(harness.server)
          .get(
            `/api/jumpcloud/catalog/snapshot?connectionId=${connection.id}&${query}`,
          )
          .set('authorization', asService());

      const read = async (query: string) => {
        const items: Array<{ userId: string; viaGroup: boolean }> = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: request.Response = await get(
            `${query}${cursor ? `&cursor=${cursor}` : ''}`,
          );
          expect(page.status).toBe(200);
          expect(page.headers['content-type']).toMatch(/application\/json/);
          expect(page.body).toMatchObject({
            connectionId: connection.id,
            runId: 'run1',
            type: 'userSystemBindings',
          });
          items.push(...page.body.items);
          expect(page.body.totalCount).toBeGreaterThanOrEqual(items.length);
          cursor = page.body.nextCursor;
          pages += 1;
        } while (cursor);
        return { items, pages };
      };
      const all = await read('type=userSystemBindings&limit=5');
      expect(all.items).toHaveLength(12);
      const direct = await read('type=userSystemBindings&limit=4&direct=true');
      expect(direct.pages).toBe(2);
      expect(direct.items).toEqual(all.items.filter(b => !b.viaGroup));

      const systems = await get('type=systems&limit=2');
      expect(systems.body.items.map((s: { _id: string }) => s._id)).toEqual([
        'sys0000',
        'sys0001',
      ]);
      expect(systems.body.totalCount).toBe(5);
      const refused = await get('type=systems&direct=true');
      expect(refused.status).toBe(400);
      expect((await get('type=userSystemBindings&direct=yes')).status).toBe(
        400,
      );
    } finally {
      await harness.backend.stop();
    }
  });
});
