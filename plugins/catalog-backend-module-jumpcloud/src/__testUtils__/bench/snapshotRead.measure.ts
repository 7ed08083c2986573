// Quick measurement of the entity provider's "snapshot read and built" step
// alone, without the catalog: the real jumpcloud-backend plugin on
// PostgreSQL serves the latest complete snapshot of simulator org
// JUMPCLOUD_BENCH_SIZE (default M) and this file times what the provider
// does before applyMutation: read every page over REST with a service token,
// build the entities, validate them and plan the mutation. Prints per-type
// figures (pages, bytes, time) and the backend's SQL time per type.
//
//   cd plugins/catalog-backend-module-jumpcloud
//   JUMPCLOUD_BENCH_SIZE=L yarn backstage-cli package test \
//     --testMatch '**/snapshotRead.measure.ts' --runInBand --watchAll=false
//
// The synced snapshot is kept in the PostgreSQL database
// jc_measure_snapshot_<size> and reused by later runs (the first run at L
// syncs from the simulator for about three minutes);
// JUMPCLOUD_MEASURE_RESYNC=1 syncs again into a new database (as the bench
// does: the test server runs without autovacuum, so the planner has no
// statistics for the fresh tables). JUMPCLOUD_MEASURE_REPEAT=n reads
// n times and prints each (the first read warms PostgreSQL's cache).
// JUMPCLOUD_MEASURE_COMPARE=1 also reads every binding (not only direct
// ones) and checks the entities are identical. JUMPCLOUD_MEASURE_PAGE_SIZE
// sets the page size; JUMPCLOUD_MEASURE_PROFILE=1
// prints the functions with the most self time during the last read (the
// backend serves it in the same process).
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import {
  startSimulator,
  type StartedSimulator,
} from '@backstage-jumpcloud/jumpcloud-simulator';
import jumpcloudPlugin from '@backstage-jumpcloud/plugin-jumpcloud-backend';
import type {
  SnapshotPage,
  SnapshotReadType,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  type AuthService,
  type DiscoveryService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { readJumpCloudProviderConfig } from '../../lib/config/providerConfig';
import {
  defaultDeviceTransformer,
  defaultGroupTransformer,
  defaultUserTransformer,
} from '../../lib/entities/defaultTransformers';
import { prepareConnection } from '../../lib/planning/prepareConnection';
import { RestSnapshotSource } from '../../lib/source/RestSnapshotSource';
import { jumpcloudApi } from './jumpcloudApi';
import type { SnapshotSource } from '../../lib/source/types';
import { DEFAULT_SNAPSHOT_PAGE_SIZE } from '../../lib/source/constants';
import { ConfigReader } from '@backstage/config';

const SNAPSHOT_READ_TYPES: SnapshotReadType[] = [
  'systems',
  'users',
  'userGroups',
  'systemGroups',
  'userGroupMembers',
  'systemGroupMembers',
  'userSystemBindings',
];
const SIZE = (process.env.JUMPCLOUD_BENCH_SIZE ?? 'M').toUpperCase() as
  | 'S'
  | 'M'
  | 'L'
  | 'XL';
const POSTGRES =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';
const DATABASE = `jc_measure_snapshot_${SIZE.toLowerCase()}`;
const REPEAT = Number(process.env.JUMPCLOUD_MEASURE_REPEAT ?? 2);
const PAGE_SIZE = process.env.JUMPCLOUD_MEASURE_PAGE_SIZE
  ? Number(process.env.JUMPCLOUD_MEASURE_PAGE_SIZE)
  : undefined;

jest.setTimeout(60 * 60 * 1000);

const print = (line: string) =>
  process.stdout.write(`[measure:snapshot] ${line}\n`);
const ms = (value: number) => `${value.toFixed(0)} ms`;
const load = () =>
  os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' / ');

async function ensureDatabase(fresh: boolean): Promise<Knex> {
  const admin = knexFactory({ client: 'pg', connection: POSTGRES });
  try {
    if (fresh) await admin.raw(`drop database if exists ${DATABASE}`);
    const exists = await admin.raw(
      'select 1 from pg_database where datname = ?',
      [DATABASE],
    );
    if (exists.rows.length === 0)
      await admin.raw(`create database ${DATABASE}`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(POSTGRES);
  url.pathname = `/${DATABASE}`;
  return knexFactory({
    client: 'pg',
    connection: url.toString(),
    pool: { min: 0, max: 10 },
  });
}

/** Top functions by self time, from a V8 CPU profile. */
function printProfile(profile: {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }>;
  samples?: number[];
  timeDeltas?: number[];
}) {
  const byNode = new Map(profile.nodes.map(n => [n.id, n]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  samples.forEach((id, i) => {
    const frame = byNode.get(id)!.callFrame;
    const url = frame.url
      .replace(/^.*node_modules\//, '')
      .replace(/^.*\/work\/main\//, '');
    const key = `${frame.functionName || '(anonymous)'} ${url}:${
      frame.lineNumber + 1
    }`;
    const us = deltas[i] ?? 0;
    total += us;
    self.set(key, (self.get(key) ?? 0) + us);
  });
  print(`profile: ${(total / 1000).toFixed(0)} ms sampled; top self time:`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40))
    print(`   ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
}

describe('measure: snapshot read and build', () => {
  let simulator: StartedSimulator | undefined;
  let knex: Knex | undefined;
  let stop: (() => Promise<void>) | undefined;

  afterAll(async () => {
    await stop?.();
    await simulator?.close();
    await knex?.destroy();
  });

  it(`reads and builds org ${SIZE}`, async () => {
    knex = await ensureDatabase(process.env.JUMPCLOUD_MEASURE_RESYNC === '1');
    const synced = await knex.schema
      .hasTable('jc_connections')
      .then(async has =>
        has
          ? (await knex!('jc_connections')
              .whereNotNull('latest_complete_run_id')
              .first('latest_complete_run_id')) !== undefined
          : false,
      );
    const resync = !synced || process.env.JUMPCLOUD_MEASURE_RESYNC === '1';
    if (resync) simulator = await startSimulator({ seed: 1, size: SIZE });
    const apiUrl = simulator?.url ?? 'http://127.0.0.1:9';

    const captured: { discovery?: DiscoveryService; auth?: AuthService } = {};
    const captureModule = createBackendPlugin({
      pluginId: 'measure',
      register(env) {
        env.registerInit({
          deps: {
            discovery: coreServices.discovery,
            auth: coreServices.auth,
          },
          async init(deps) {
            Object.assign(captured, deps);
          },
        });
      },
    });
    const database = createServiceFactory({
      service: coreServices.database,
      deps: {},
      async factory() {
        return { getClient: async () => knex! };
      },
    });
    const started = await startTestBackend({
      features: [
        jumpcloudPlugin,
        captureModule,
        database,
        mockServices.rootConfig.factory({
          data: {
            jumpcloud: {
              allowedHosts: [new URL(apiUrl).host],
              sync: { requestsPerSecond: 500, maxConcurrency: 8 },
              connections: [
                {
                  name: 'bench',
                  apiUrl,
                  apiKey: simulator?.keys.readOnly ?? 'jca_measure',
                  syncFrequency: 'off',
                },
              ],
            },
          },
        }),
      ],
    });
    stop = () => started.stop();
    const address = started.server.address();
    const baseUrl =
      typeof address === 'object' && address
        ? `http://127.0.0.1:${address.port}`
        : '';

    if (resync) {
      const api = jumpcloudApi(baseUrl);
      const [connection] = await api.connections();
      const initialSync = await api.sync(connection.id);
      print(`synced org ${SIZE} in ${ms(initialSync.ms)}`);
      await simulator!.close();
      simulator = undefined;
    }

    const rest = new RestSnapshotSource({
      discovery: captured.discovery!,
      auth: captured.auth!,
      pageSize: PAGE_SIZE,
    });
    const [connection] = await rest.listConnections();

    // Per type: requests, bytes and time of the REST pages.
    const perType = new Map<
      string,
      { pages: number; bytes: number; ms: number; encoding: string }
    >();
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const url = new URL(String(input));
      const begin = performance.now();
      const response = await realFetch(input, init);
      const type = url.searchParams.get('type');
      if (!type) return response;
      const text = await response.text();
      const entry = perType.get(type) ?? {
        pages: 0,
        bytes: 0,
        ms: 0,
        encoding: response.headers.get('content-encoding') ?? 'identity',
      };
      entry.pages += 1;
      entry.bytes += Buffer.byteLength(text);
      entry.ms += performance.now() - begin;
      perType.set(type, entry);
      return new Response(text, {
        status: response.status,
        headers: response.headers,
      });
    };

    let readMs = 0;
    const timedSource: SnapshotSource = {
      listConnections: o => rest.listConnections(o),
      readSnapshot: async (c, o) => {
        const begin = performance.now();
        try {
          return await rest.readSnapshot(c, o);
        } finally {
          readMs = performance.now() - begin;
        }
      },
    };
    const config = readJumpCloudProviderConfig(new ConfigReader({}));
    const silent = {
      info() {},
      warn() {},
      error() {},
      debug() {},
      child() {
        return silent;
      },
    };

    const profiler = process.env.JUMPCLOUD_MEASURE_PROFILE
      ? new Session()
      : undefined;
    const prepare = (source: SnapshotSource) =>
      prepareConnection({
        connection,
        usersMode: 'ingest',
        previous: [],
        takenByOthers: new Map(),
        refsOfOthers: new Set(),
        source,
        transformers: {
          device: defaultDeviceTransformer,
          user: defaultUserTransformer,
          group: defaultGroupTransformer,
        },
        config,
        logger: silent,
      });
    /** Every entity's ref, hash and JSON, in order. */
    const fingerprint = (plan: Awaited<ReturnType<typeof prepare>>['plan']) =>
      plan.upserts
        .map(u => `${u.entityRef} ${u.hash} ${JSON.stringify(u.entity)}`)
        .join('\n');
    let lastFingerprint = '';

    for (let i = 0; i < REPEAT; i++) {
      perType.clear();
      if (profiler && i === REPEAT - 1) {
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
      }
      const cpu = process.cpuUsage();
      const begin = performance.now();
      const { plan } = await prepare(timedSource);
      lastFingerprint = fingerprint(plan);
      const total = performance.now() - begin;
      const used = process.cpuUsage(cpu);
      print(
        `#${i + 1} org ${SIZE}: ${plan.upserts.length} entities; read ${ms(
          readMs,
        )}, build+validate+plan ${ms(total - readMs)}, total ${ms(
          total,
        )}; process CPU ${ms((used.user + used.system) / 1000)}; page size ${
          PAGE_SIZE ?? 'default'
        }; load ${load()}`,
      );
      for (const [type, e] of perType)
        print(
          `   ${type.padEnd(20)} ${String(e.pages).padStart(5)} pages ${(
            e.bytes /
            1024 /
            1024
          )
            .toFixed(1)
            .padStart(7)} MiB ${ms(e.ms).padStart(9)} (sum of request times; ${
            e.encoding
          })`,
        );
    }
    globalThis.fetch = realFetch;
    if (process.env.JUMPCLOUD_MEASURE_COMPARE === '1') {
      // The same snapshot read with every binding: the entities must be the
      // same, byte for byte (slow at L on a fresh database: see the README).
      const { plan } = await prepare({
        listConnections: o => rest.listConnections(o),
        readSnapshot: (c, o) => rest.readSnapshot(c, { ...o, bindings: 'all' }),
      });
      const same = fingerprint(plan) === lastFingerprint;
      print(
        `entities built from all bindings identical to those from direct bindings: ${
          same ? 'yes' : 'NO'
        } (${plan.upserts.length} entities)`,
      );
      if (!same) throw new Error('the entities differ');
    }
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      profiler.disconnect();
      printProfile(profile);
    }

    // Each type alone, one page after the other, over REST (as the route
    // serves the provider: direct bindings only): the backend's share.
    const pluginUrl = await captured.discovery!.getBaseUrl('jumpcloud');
    const limit = PAGE_SIZE ?? DEFAULT_SNAPSHOT_PAGE_SIZE;
    for (const type of SNAPSHOT_READ_TYPES) {
      const direct = type === 'userSystemBindings';
      const begin = performance.now();
      let cursor: string | null = null;
      let pages = 0;
      let totalCount = 0;
      do {
        const { token } = await captured.auth!.getPluginRequestToken({
          onBehalfOf: await captured.auth!.getOwnServiceCredentials(),
          targetPluginId: 'jumpcloud',
        });
        const query = new URLSearchParams({
          connectionId: connection.id,
          type,
          limit: String(limit),
        });
        if (direct) query.set('direct', 'true');
        if (cursor) query.set('cursor', cursor);
        const response = await fetch(`${pluginUrl}/catalog/snapshot?${query}`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        const page = (await response.json()) as SnapshotPage;
        cursor = page.nextCursor;
        totalCount = page.totalCount;
        pages += 1;
      } while (cursor);
      print(
        `   serial ${type.padEnd(20)}${direct ? ' (direct)' : ''} ${String(
          totalCount,
        ).padStart(7)} items ${String(pages).padStart(5)} pages ${ms(
          performance.now() - begin,
        ).padStart(9)}`,
      );
    }
    expect(readMs).toBeGreaterThan(0);
  });
});
