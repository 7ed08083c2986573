// yarn bench:catalog — ingests simulator org "L" (JUMPCLOUD_BENCH_SIZE) into
// the real catalog twice in one backend: once from static location files
// holding the same entities, once through the JumpCloud entity provider, and
// prints the time until every entity is visible (stitched, served by the
// catalog API), the ratio, and the process CPU time of each side (less
// sensitive to other load on a shared machine). Then a second sync with 1% of
// objects changed shows how many entities the delta mutation rewrote. Both
// sides run with the same catalog settings (processing interval as below,
// the catalog's deferred stitching, the test backend's SQLite); prints one
// RESULT line per target for scripts/bench-all.mjs and the peak RSS.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  startSimulator,
  type StartedSimulator,
} from '@backstage-jumpcloud/jumpcloud-simulator';
import jumpcloudPlugin from '@backstage-jumpcloud/plugin-jumpcloud-backend';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import type { CatalogClient } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import {
  allowFileLocationsModule,
  manualJumpCloudModule,
  startCatalogBackend,
} from '../catalogHarness';
import { buildEntities } from '../../lib/entities/buildEntities';
import {
  defaultDeviceTransformer,
  defaultGroupTransformer,
  defaultUserTransformer,
} from '../../lib/entities/defaultTransformers';
import { EntityNameRegistry } from '../../lib/entities/nameRegistry';
import { RestSnapshotSource } from '../../lib/source/RestSnapshotSource';
import { jumpcloudApi } from './jumpcloudApi';
import type { JumpCloudEntityProvider } from '../../providers/JumpCloudEntityProvider';

const SIZE = (process.env.JUMPCLOUD_BENCH_SIZE ?? 'L') as
  | 'S'
  | 'M'
  | 'L'
  | 'XL';
/**
 * The catalog's database: PostgreSQL by default, as Backstage recommends for
 * production. On SQLite the catalog cannot reach size L in reasonable time:
 * for every processed entity it deletes from refresh_state_references with
 * `source_entity_ref = ? OR 1 = ?` (an empty IN list), which SQLite answers
 * with a full table scan, so each entity costs time proportional to the
 * whole catalog. JUMPCLOUD_BENCH_CATALOG_DB=sqlite runs the test backend's
 * in-memory SQLite instead.
 */
const DB = (process.env.JUMPCLOUD_BENCH_CATALOG_DB ?? 'pg').toLowerCase();
process.env.BACKSTAGE_TEST_DISABLE_DOCKER ??= '1';
process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??=
  'postgresql://postgres@127.0.0.1:5432';
const databases =
  DB === 'pg' ? TestDatabases.create({ ids: ['POSTGRES_15'] }) : undefined;
/** A fresh PostgreSQL database for each plugin (catalog and jumpcloud). */
const pluginClients: Knex[] = [];
const postgresPerPlugin = createServiceFactory({
  service: coreServices.database,
  deps: {},
  async factory() {
    const knex = await databases!.init('POSTGRES_15');
    pluginClients.push(knex);
    return { getClient: async () => knex };
  },
});

/**
 * Waits (up to 15 s) until no query is running or waiting for a connection
 * on the plugins' databases: work the backend started before it stopped
 * (the catalog's last processing and stitching rounds) finishes before
 * TestDatabases destroys the pools, instead of its connection requests
 * being aborted with "Acquire connection error: Error: aborted".
 */
async function drainPools() {
  const deadline = Date.now() + 15_000;
  const busy = () =>
    pluginClients.some(knex => {
      const pool = (knex.client as { pool?: any }).pool;
      return pool && (pool.numPendingAcquires() > 0 || pool.numUsed() > 0);
    });
  while (busy() && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  if (busy()) {
    const counts = pluginClients.map(knex => {
      const pool = (knex.client as { pool?: any }).pool;
      return `${pool?.numUsed() ?? 0} used/${
        pool?.numPendingAcquires() ?? 0
      } waiting`;
    });
    process.stdout.write(
      `[bench:catalog] teardown: database pools still busy after 15 s (${counts.join(
        ', ',
      )})\n`,
    );
  }
}
const STATIC_NAMESPACE = 'static';
const REF_FIELDS = ['owner', 'parent', 'memberOf', 'members'];
/**
 * Entities per static location file. One file of a whole org cannot be
 * ingested on SQLite: the catalog replaces a location's references with one
 * `IN (…)` of every entity it emitted, and SQLite allows 32,766 variables, so
 * at size L (40k entities) that location fails on every attempt. Several
 * files, as a hand-maintained org would have, are processed in parallel,
 * which if anything favours the static side.
 */
const ENTITIES_PER_FILE = 10_000;

jest.setTimeout(3 * 60 * 60 * 1000);

const print = (line: string) =>
  process.stdout.write(`[bench:catalog] ${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const number = (n: number) => n.toLocaleString('en-US');

/** The same entity in another namespace, as a hand-written file would hold it. */
function toStaticEntity(entity: Entity): Entity {
  const copy = JSON.parse(JSON.stringify(entity)) as Entity;
  copy.metadata.namespace = STATIC_NAMESPACE;
  delete copy.metadata.annotations?.['backstage.io/managed-by-location'];
  delete copy.metadata.annotations?.['backstage.io/managed-by-origin-location'];
  const move = (ref: unknown) =>
    typeof ref === 'string'
      ? ref.replace(':default/', `:${STATIC_NAMESPACE}/`)
      : ref;
  const spec = (copy.spec ?? {}) as Record<string, unknown>;
  for (const field of REF_FIELDS) {
    const value = spec[field];
    spec[field] = Array.isArray(value) ? value.map(move) : move(value);
    if (spec[field] === undefined) delete spec[field];
  }
  return copy;
}

const KINDS = ['resource', 'user', 'group'];

/**
 * Entities of `namespace` the catalog serves: stitched rows of final_entities
 * (what the entities API reads). Counted in the database rather than through
 * the API while polling: an API count over the search table every poll would
 * compete with processing for the single SQLite connection and slow both sides.
 */
async function visibleCount(knex: Knex, namespace: string) {
  const [row] = await knex('final_entities')
    .whereNotNull('final_entity')
    .andWhere(q => {
      for (const kind of KINDS)
        q.orWhere('entity_ref', 'like', `${kind}:${namespace}/%`);
    })
    .count({ n: '*' });
  return Number(row.n);
}

/** The same count through the catalog API, once visibility is reached. */
async function apiCount(catalog: CatalogClient, namespace: string) {
  const { totalItems } = await catalog.queryEntities({
    filter: {
      'metadata.namespace': namespace,
      kind: ['Resource', 'User', 'Group'],
    },
    limit: 1,
  });
  return totalItems;
}

/** Milliseconds from `start` until `expected` entities are served. */
async function untilVisible(
  knex: Knex,
  catalog: CatalogClient,
  namespace: string,
  expected: number,
  start: number,
) {
  let lastPrint = Date.now();
  for (;;) {
    const count = await visibleCount(knex, namespace);
    if (count >= expected) {
      const ms = Date.now() - start;
      const served = await apiCount(catalog, namespace);
      if (served < expected)
        throw new Error(
          `${namespace}: database shows ${count} entities, the API ${served}`,
        );
      return ms;
    }
    if (process.env.BENCH_VERBOSE && Date.now() - lastPrint >= 60_000) {
      lastPrint = Date.now();
      const elapsed = (Date.now() - start) / 1000;
      print(
        `  ${namespace}: ${number(count)} / ${number(
          expected,
        )} after ${elapsed.toFixed(0)} s (${(count / elapsed).toFixed(
          1,
        )} entities/s)`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

/**
 * CPU time of this process (catalog, its SQLite and the JumpCloud backend all
 * run in it) and the machine's mean 1-minute load average from now until
 * `done()`: the CPU ratio is less sensitive than wall time to other work on a
 * shared machine.
 */
function phase() {
  const cpu = process.cpuUsage();
  const loads = [os.loadavg()[0]];
  const timer = setInterval(() => loads.push(os.loadavg()[0]), 5000);
  return () => {
    clearInterval(timer);
    const used = process.cpuUsage(cpu);
    return {
      cpuMs: (used.user + used.system) / 1000,
      load: loads.reduce((a, b) => a + b, 0) / loads.length,
    };
  };
}

/** One machine-readable line per target, collected by scripts/bench-all.mjs. */
function result(line: {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}) {
  process.stdout.write(`RESULT ${JSON.stringify({ ...line, size: SIZE })}\n`);
}

describe('bench:catalog', () => {
  let simulator: StartedSimulator;
  let stop: (() => Promise<void>) | undefined;

  afterAll(async () => {
    await stop?.();
    await drainPools();
    await simulator?.close();
  });

  it(`ingests org ${SIZE} from the provider and from a static file`, async () => {
    simulator = await startSimulator({ seed: 1, size: SIZE });
    const captured: Parameters<typeof manualJumpCloudModule>[0] = {};
    const started = await startCatalogBackend(
      [
        jumpcloudPlugin,
        manualJumpCloudModule(captured),
        allowFileLocationsModule,
        ...(databases ? [postgresPerPlugin] : []),
      ],
      {
        // Processing settings as shipped; no re-processing during the bench.
        catalog: {
          processingInterval: { minutes: 30 },
          rules: [
            {
              allow: [
                'Component',
                'API',
                'Location',
                'User',
                'Group',
                'Resource',
              ],
            },
          ],
        },
        jumpcloud: {
          allowedHosts: [new URL(simulator.url).host],
          sync: { requestsPerSecond: 500, maxConcurrency: 8 },
          connections: [
            {
              name: 'bench',
              apiUrl: simulator.url,
              apiKey: simulator.keys.readOnly,
              syncFrequency: 'off',
            },
          ],
        },
      },
    );
    stop = () => started.backend.stop();
    const { catalog, baseUrl } = started;
    const provider: JumpCloudEntityProvider = captured.provider!;
    const knex = captured.knex!;

    const api = jumpcloudApi(baseUrl);
    const [connection] = await api.connections();
    const sync = () => api.sync(connection.id);

    const first = await sync();
    print(
      `size ${SIZE}, ${
        databases ? 'PostgreSQL 15' : 'SQLite (in memory)'
      }: backend sync from the simulator took ${seconds(first.ms)}`,
    );

    // The static file: exactly what the provider will emit, in another namespace.
    const source = new RestSnapshotSource({
      discovery: captured.discovery!,
      auth: captured.auth!,
    });
    const [catalogConnection] = await source.listConnections();
    const snapshot = await source.readSnapshot(catalogConnection, {
      includeSystemGroups: false,
      bindings: 'direct', // as the provider reads it
    });
    const built = await buildEntities({
      connection: catalogConnection,
      snapshot,
      usersMode: 'ingest',
      transformers: {
        device: defaultDeviceTransformer,
        user: defaultUserTransformer,
        group: defaultGroupTransformer,
      },
      names: new EntityNameRegistry(catalogConnection.id, new Map()),
      previousNames: new Map(),
      systemGroupsAsLabels: false,
      userGroupType: 'team',
    });
    const total = built.length;
    const kinds = (kind: string) =>
      built.filter(b => b.entity.kind === kind).length;
    print(
      `${number(total)} entities: ${number(
        kinds('Resource'),
      )} devices, ${number(kinds('User'))} users, ${number(
        kinds('Group'),
      )} groups`,
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jumpcloud-bench-'));
    const files: string[] = [];
    for (let i = 0; i < built.length; i += ENTITIES_PER_FILE) {
      const file = path.join(dir, `entities-${files.length + 1}.yaml`);
      fs.writeFileSync(
        file,
        built
          .slice(i, i + ENTITIES_PER_FILE)
          .map(b => JSON.stringify(toStaticEntity(b.entity)))
          .join('\n---\n'),
      );
      files.push(file);
    }

    try {
      // 1. static location file
      const staticPhase = phase();
      const staticStart = Date.now();
      for (const file of files)
        await catalog.addLocation({ type: 'file', target: file });
      const staticMs = await untilVisible(
        knex,
        catalog,
        STATIC_NAMESPACE,
        total,
        staticStart,
      );
      const staticUse = staticPhase();
      print(
        `static location files: ${seconds(staticMs)} until all ${number(
          total,
        )} entities were visible (${files.length} file(s) of ≤ ${number(
          ENTITIES_PER_FILE,
        )} entities; ${number(
          Math.round(total / (staticMs / 1000)),
        )} entities/s; process CPU ${seconds(
          staticUse.cpuMs,
        )}; mean load average ${staticUse.load.toFixed(1)} on ${
          os.cpus().length
        } cores)`,
      );

      // 2. the entity provider (reads the snapshot over REST, builds, mutates)
      const providerPhase = phase();
      const providerStart = Date.now();
      const summary = await provider.refresh();
      const providerMs = await untilVisible(
        knex,
        catalog,
        'default',
        total,
        providerStart,
      );
      const providerUse = providerPhase();
      print(
        `entity provider:      ${seconds(providerMs)} until all ${number(
          total,
        )} entities were visible (${number(
          Math.round(total / (providerMs / 1000)),
        )} entities/s; snapshot read and built in ${seconds(
          summary.timings.prepareMs,
        )}, ${summary.mutation} mutation applied in ${seconds(
          summary.timings.applyMs,
        )}; process CPU ${seconds(
          providerUse.cpuMs,
        )}; mean load average ${providerUse.load.toFixed(1)})`,
      );
      const ratio = providerMs / staticMs;
      print(
        `ratio provider / static: ${ratio.toFixed(2)} (target ≤ 1.1: ${
          ratio <= 1.1 ? 'met' : 'MISSED'
        }); CPU-time ratio ${(providerUse.cpuMs / staticUse.cpuMs).toFixed(
          2,
        )} (less sensitive to other load on the machine)`,
      );
      result({
        name: 'catalog: provider ÷ static location time until visible',
        target: '≤ 1.1',
        measured: `${ratio.toFixed(2)} (provider ${seconds(
          providerMs,
        )}, of which snapshot read and build ${seconds(
          summary.timings.prepareMs,
        )}; static ${seconds(staticMs)}; CPU-time ratio ${(
          providerUse.cpuMs / staticUse.cpuMs
        ).toFixed(2)})`,
        met: ratio <= 1.1,
      });

      // 3. second sync with 1% of the objects changed
      const mutations = simulator.control.mutate(1);
      const changed = mutations.reduce(
        (n, m) =>
          n +
          m.systemsChanged +
          m.usersChanged +
          m.systemsAdded +
          m.usersAdded +
          m.systemsDeleted +
          m.usersDeleted,
        0,
      );
      const second = await sync();
      const hashes = async () =>
        new Map(
          (
            await knex('refresh_state')
              .join(
                'refresh_state_references',
                'refresh_state.entity_ref',
                'refresh_state_references.target_entity_ref',
              )
              .where(
                'refresh_state_references.source_key',
                provider.getProviderName(),
              )
              .select(
                'refresh_state.entity_ref',
                'refresh_state.unprocessed_hash',
              )
          ).map((row: { entity_ref: string; unprocessed_hash: string }) => [
            row.entity_ref,
            row.unprocessed_hash,
          ]),
        );
      const before = await hashes();
      const delta = await provider.refresh();
      const after = await hashes();
      let written = 0;
      for (const [ref, hash] of after)
        if (before.get(ref) !== hash) written += 1;
      for (const ref of before.keys()) if (!after.has(ref)) written += 1;
      const share = (written / total) * 100;
      print(
        `second sync (${seconds(second.ms)}), ${number(
          changed,
        )} JumpCloud objects changed (mutate 1%): ` +
          `${delta.mutation} mutation, provider sent ${number(
            delta.written,
          )} upserts + ${number(delta.removed)} removals` +
          `${
            delta.held
              ? ` (${number(delta.held)} removals held by the guard)`
              : ''
          }; ` +
          `catalog rows written: ${number(written)} of ${number(
            total,
          )} (${share.toFixed(2)}%, target ≤ 3%: ${
            share <= 3 ? 'met' : 'MISSED'
          })`,
      );
      result({
        name: 'catalog: entities rewritten after a 1% change',
        target: '≤ 3%',
        measured: `${share.toFixed(2)}%`,
        met: share <= 3,
      });
      const rss = process.resourceUsage().maxRSS / 1024;
      print(
        `peak RSS ${rss.toFixed(
          0,
        )} MiB (the jest process: catalog backend, JumpCloud backend and simulator together)`,
      );
      expect(written).toBeGreaterThanOrEqual(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
