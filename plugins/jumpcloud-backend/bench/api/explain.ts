// Plans and timings of the queries behind bench:api's slow routes, against
// a database kept by `JUMPCLOUD_BENCH_API_KEEP=1 yarn bench:api`:
//
//   node -r @backstage/cli/config/nodeTransform.cjs \
//     plugins/jumpcloud-backend/bench/api/explain.ts <sqlite file | postgresql://…/db> [route name prefix…]
//
// Each query a route makes is captured, then explained (EXPLAIN QUERY PLAN,
// or EXPLAIN ANALYZE on PostgreSQL) and timed alone (median of 7 runs).
// The database is migrated first (new migrations run on the kept data).
import knexFactory, { type Knex } from 'knex';
import {
  AssetsReader,
  DEVICE_SORTS,
  USER_SORTS,
  type SnapshotScope,
} from '../../src/snapshot/AssetsReader';
import { migrateDatabase } from '../../src/database/migrateDatabase';
import {
  FINDING_SORTS,
  FindingsStore,
  type FindingSort,
} from '../../src/findings/FindingsStore';
import { PostureStore } from '../../src/posture/PostureStore';
import { CheckCatalogue } from '../../src/checks/CheckCatalogue';
import { defaultCheckThresholds } from '../../src/checks';

const [target, ...only] = process.argv.slice(2);
const pg = target.startsWith('postgres');
// JUMPCLOUD_EXPLAIN_PLANS=0: each route's time only, not its queries' plans.
const plans = process.env.JUMPCLOUD_EXPLAIN_PLANS !== '0';

async function main() {
  const knex = knexFactory(
    pg
      ? { client: 'pg', connection: target }
      : {
          client: 'better-sqlite3',
          connection: { filename: target },
          useNullAsDefault: true,
        },
  );
  const started = Date.now();
  await migrateDatabase(knex);
  console.log(`migrated in ${Date.now() - started} ms`);
  const connection = await knex('jc_connections').first();
  const scope: SnapshotScope[] = [
    {
      connectionId: connection.id,
      connectionName: connection.name,
      runId: connection.snapshot_run_id ?? connection.latest_complete_run_id,
      appliedRunId: connection.latest_complete_run_id,
    },
  ];
  const assets = new AssetsReader(knex);
  const findings = new FindingsStore(knex);
  const posture = new PostureStore(knex, findings);
  const now = new Date().toISOString();
  const catalogue = new CheckCatalogue(defaultCheckThresholds);
  const page = { limit: 50, offset: 0, order: 'asc' as const };
  const routes: Record<string, () => Promise<unknown>> = {
    posture: () => posture.current(connection.id, now),
    devicesQ: () => assets.devices(scope, { ...page, q: 'MacBoo' }),
    devicesFailing: () =>
      assets.devices(scope, {
        ...page,
        sort: 'failingChecks',
        order: 'desc',
        offset: 10000,
      }),
    devicesWindows: () =>
      assets.devices(scope, {
        ...page,
        osFamily: 'windows',
        sort: 'lastContact',
        order: 'desc',
      }),
    usersQ: () => assets.users(scope, { ...page, q: 'lucas' }),
    usersDevices: () =>
      assets.users(scope, { ...page, sort: 'deviceCount', order: 'desc' }),
    findingsQ: () =>
      findings.list({ ...page, order: 'desc', q: 'MacBoo' }, now),
    findingsQSorted: () =>
      findings.list(
        { ...page, order: 'desc', q: 'MacBoo', sort: 'lastSeenAt' },
        now,
      ),
    findingsLastSeenDeep: () =>
      findings.list(
        { ...page, order: 'desc', sort: 'lastSeenAt', offset: 5000 },
        now,
      ),
    ...Object.fromEntries(
      Object.keys(FINDING_SORTS).map(sort => [
        `findingsBy_${sort}`,
        () => findings.list({ ...page, sort: sort as FindingSort }, now),
      ]),
    ),
    ...Object.fromEntries(
      Object.keys(DEVICE_SORTS).map(sort => [
        `devicesBy_${sort}`,
        () => assets.devices(scope, { ...page, sort, order: 'desc' }),
      ]),
    ),
    ...Object.fromEntries(
      Object.keys(USER_SORTS).map(sort => [
        `usersBy_${sort}`,
        () => assets.users(scope, { ...page, sort }),
      ]),
    ),
    findingsSoc2: () =>
      findings.list(
        {
          ...page,
          order: 'desc',
          sort: 'severity',
          frameworkCheckIds: catalogue.idsForFramework('soc2'),
        },
        now,
      ),
    findingsCC61Open: () =>
      findings.list(
        {
          ...page,
          limit: 25,
          order: 'desc',
          status: ['open'],
          frameworkCheckIds: catalogue.idsForFramework('soc2:CC6.1'),
        },
        now,
      ),
    groupsByMembers: () =>
      assets.groups(scope, { ...page, sort: 'memberCount', order: 'desc' }),
    deviceDetail: async () => {
      const { items } = await assets.devices(scope, {
        ...page,
        limit: 1,
        offset: 10000,
      });
      return assets.device(scope[0], items[0].id);
    },
    findingsOpen: () =>
      findings.list(
        {
          ...page,
          order: 'desc',
          status: ['open'],
          severity: ['critical', 'high'],
        },
        now,
      ),
  };
  for (const [name, route] of Object.entries(routes)) {
    if (only.length && !only.some(o => name.startsWith(o))) continue;
    const queries: Array<{ sql: string; bindings: readonly unknown[] }> = [];
    // PostgreSQL's are numbered ($1…, in order): back to knex placeholders.
    const capture = (q: Knex.Sql) =>
      queries.push({ sql: q.sql.replace(/\$\d+/g, '?'), bindings: q.bindings });
    knex.on('query', capture);
    await route();
    knex.off('query', capture);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = process.hrtime.bigint();
      await route();
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.sort((a, b) => a - b);
    console.log(`\n=== ${name}: route median ${times[3].toFixed(1)} ms`);
    for (const q of plans ? queries : []) {
      const qt: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t = process.hrtime.bigint();
        await knex.raw(q.sql, q.bindings as any);
        qt.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      qt.sort((a, b) => a - b);
      console.log(`--- ${qt[2].toFixed(1)} ms: ${q.sql}`);
      const plan = await knex.raw(
        `${pg ? 'EXPLAIN (ANALYZE, BUFFERS)' : 'EXPLAIN QUERY PLAN'} ${q.sql}`,
        q.bindings as any,
      );
      const rows: any[] = pg ? plan.rows : plan;
      for (const row of rows)
        console.log(`    ${pg ? row['QUERY PLAN'] : row.detail}`);
    }
  }
  await knex.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
