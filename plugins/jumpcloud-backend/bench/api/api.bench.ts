// yarn bench:api — syncs simulator org L (JUMPCLOUD_BENCH_SIZE) into a real
// jumpcloud backend (the plugin in a test backend, on a SQLite file database
// as the demo app uses, or PostgreSQL), then load-tests its main read routes
// one after the other with autocannon at a fixed concurrency and prints each
// route's p50 / p95 / p99 and requests per second (target: p95 ≤ 100 ms).
//
// Environment: JUMPCLOUD_BENCH_SIZE (S|M|L|XL, default L),
// JUMPCLOUD_BENCH_API_DB (sqlite, pg or both comma-separated, default
// sqlite,pg: one sync and one load run per database),
// JUMPCLOUD_BENCH_API_CONCURRENCY (default 4), JUMPCLOUD_BENCH_API_SECONDS
// (per route, default 5: about 50 routes), JUMPCLOUD_BENCH_API_KEEP=1 (keep each database
// afterwards, to query it; the log says where).
//
// Runs under jest only for startTestBackend's service mocks; it is no test:
// `npm test` never matches it (bench/ is outside every package's src/).
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  forkSimulator,
  nextMessage,
} from '@backstage-jumpcloud/test-utils/simulator';
import knexFactory from 'knex';
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import jumpcloudPlugin from '../../src';
import type { LoadReport, LoadRequest } from './loadProcess';
import { readRoutes } from './readRoutes';

const SIZE = (process.env.JUMPCLOUD_BENCH_SIZE ?? 'L').toUpperCase();
const DBS = (process.env.JUMPCLOUD_BENCH_API_DB ?? 'sqlite,pg')
  .split(',')
  .map(d => d.trim().toLowerCase())
  .filter(Boolean);
const CONCURRENCY = Number(process.env.JUMPCLOUD_BENCH_API_CONCURRENCY ?? 4);
const SECONDS = Number(process.env.JUMPCLOUD_BENCH_API_SECONDS ?? 5);
const TARGET_MS = 100;
const KEEP = process.env.JUMPCLOUD_BENCH_API_KEEP === '1';
// While iterating: only the routes matching this regular expression, and a
// database kept by an earlier JUMPCLOUD_BENCH_API_KEEP=1 run instead of a
// new sync: "sqlite=<its directory>,pg=<its URL>" (the "database kept:" lines).
const ROUTES = process.env.JUMPCLOUD_BENCH_API_ROUTES
  ? new RegExp(process.env.JUMPCLOUD_BENCH_API_ROUTES)
  : undefined;
const REUSED = new Map(
  (process.env.JUMPCLOUD_BENCH_API_REUSE ?? '')
    .split(',')
    .filter(Boolean)
    .map(pair => pair.split(/=(.*)/s).slice(0, 2) as [string, string]),
);
const PG_URL =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';

jest.setTimeout(3 * 60 * 60 * 1000);

const print = (line: string) => process.stdout.write(`[bench:api] ${line}\n`);
const transform = require.resolve('@backstage/cli/config/nodeTransform.cjs');

function forkChild(file: string, arg: unknown): ChildProcess {
  return fork(file, [JSON.stringify(arg)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: ['-r', transform],
  });
}

/** A POST answered whenever it is (JSON), without fetch's 300 s limit. */
function postWithoutTimeout(
  url: string,
  headers: Record<string, string>,
): Promise<any> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers }, response => {
      const chunks: Buffer[] = [];
      response.on('data', chunk => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if ((response.statusCode ?? 500) >= 300)
          reject(new Error(`POST ${url}: ${response.statusCode} ${body}`));
        else resolve(JSON.parse(body));
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** The database the jumpcloud plugin gets, and how to clean it up. */
function databaseConfig(db: string) {
  if (db === 'pg') {
    const reused = REUSED.get('pg');
    const prefix = reused
      ? reused.replace(/^.*\//, '').replace(/jumpcloud$/, '')
      : `jc_bench_api_${process.pid}_`;
    return {
      label: 'PostgreSQL',
      config: { client: 'pg', connection: PG_URL, prefix },
      kept: `${PG_URL}/${prefix}jumpcloud`,
      cleanup: async () => {
        const admin = knexFactory({ client: 'pg', connection: PG_URL });
        try {
          const { rows } = await admin.raw(
            `select datname from pg_database where datname like ?`,
            [`${prefix}%`],
          );
          for (const { datname } of rows)
            await admin.raw(
              `drop database if exists "${datname}" with (force)`,
            );
        } finally {
          await admin.destroy();
        }
      },
    };
  }
  const directory =
    REUSED.get('sqlite') ??
    fs.mkdtempSync(path.join(os.tmpdir(), 'jc-bench-api-'));
  return {
    label: 'SQLite (better-sqlite3, a file per plugin, as the demo app)',
    config: { client: 'better-sqlite3', connection: { directory } },
    kept: directory,
    cleanup: async () => fs.rmSync(directory, { recursive: true, force: true }),
  };
}

describe('bench:api', () => {
  it.each(DBS)(`read routes at size ${SIZE} on %s`, async db => {
    const sim = await forkSimulator({ seed: 1, size: SIZE });
    const database = databaseConfig(db);
    const backend = await startTestBackend({
      features: [
        jumpcloudPlugin,
        databaseServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: { database: database.config },
            jumpcloud: {
              encryptionSecret: 'bench-api-secret-bench-api-secret',
              allowedHosts: [new URL(sim.url).host],
              sync: {
                requestsPerSecond: 500,
                maxConcurrency: 8,
                // This bench measures reads, not the sync's memory: the heap
                // limit sized from earlier runs (none before the first) made
                // the first L sync fail in evaluate at 128 MB.
                worker: { maxHeapMb: 1024 },
              },
              connections: [
                {
                  name: 'bench',
                  apiUrl: sim.url,
                  apiKey: sim.apiKey,
                  syncFrequency: 'off',
                },
              ],
            },
          },
        }),
      ],
    });
    try {
      const address = backend.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const base = `http://127.0.0.1:${port}/api/jumpcloud`;
      const headers = { authorization: mockCredentials.user.header() };
      const api = async (
        method: string,
        route: string,
        signal?: AbortSignal,
      ) => {
        const response = await fetch(`${base}${route}`, {
          method,
          headers,
          signal,
        });
        if (!response.ok)
          throw new Error(
            `${method} ${route}: ${response.status} ${await response.text()}`,
          );
        // A CSV export answers text: its line count stands for its rows.
        if (!/json/.test(response.headers.get('content-type') ?? ''))
          return (await response.text()).split('\n').slice(1, -1);
        return response.json();
      };

      // 1. a full sync through the plugin's own API
      const [connection] = await api('GET', '/connections');
      const syncOnce = async ({ id }: { id: string }) => {
        const started = Date.now();
        // Under startTestBackend the mock scheduler runs the triggered task
        // before the POST answers, so the POST lasts the whole sync, and a
        // sync whose request is dropped (fetch gives up after 300 s) is
        // cancelled: the POST goes through node:http, which does not time
        // out. The run is found in GET /runs meanwhile.
        const post = postWithoutTimeout(
          `${base}/connections/${id}/sync`,
          headers,
        ).then(
          answer => {
            print(
              `POST /connections/:id/sync answered after ${(
                (Date.now() - started) /
                1000
              ).toFixed(0)} s`,
            );
            return answer;
          },
          error => {
            print(
              `POST /connections/:id/sync failed after ${(
                (Date.now() - started) /
                1000
              ).toFixed(0)} s (${error.cause?.name ?? error.message})`,
            );
            return undefined;
          },
        );
        let run: { id: string } | undefined;
        while (!run) {
          const answered = await Promise.race([
            post,
            new Promise(resolve => setTimeout(() => resolve(null), 1000)),
          ]);
          if (answered) run = answered as { id: string };
          else if (answered === undefined)
            throw new Error('The sync could not be started');
          else
            run = (await api('GET', '/runs?limit=5')).items.find(
              (r: { connectionId: string; startedAt: string }) =>
                r.connectionId === id &&
                Date.parse(r.startedAt) >= started - 1000,
            );
        }
        // How long the backend keeps its own API waiting during a sync: a poll
        // unanswered for a minute is given up (and said), not the benchmark.
        let slowestReply = 0;
        let unanswered = 0;
        let busy = 0;
        let finished: any;
        for (;;) {
          const asked = Date.now();
          try {
            finished = await api(
              'GET',
              `/runs/${run!.id}`,
              AbortSignal.timeout(60_000),
            );
          } catch (error) {
            // On SQLite the backend thread's read can meet the sync worker's
            // write lock past its busy timeout (a 500): said, and asked again.
            if (/SQLITE_BUSY/.test((error as Error).message)) {
              busy++;
              print(
                `GET /runs/${run!.id}: database locked, ${(
                  (Date.now() - started) /
                  1000
                ).toFixed(0)} s into the sync`,
              );
              await new Promise(resolve => setTimeout(resolve, 1000));
              continue;
            }
            if ((error as Error).name !== 'TimeoutError') throw error;
            unanswered++;
            print(
              `GET /runs/${run!.id} unanswered after 60 s, ${(
                (Date.now() - started) /
                1000
              ).toFixed(0)} s into the sync`,
            );
            continue;
          }
          slowestReply = Math.max(slowestReply, Date.now() - asked);
          if (finished.status !== 'running') break;
          await new Promise(resolve => setTimeout(resolve, 1000));
        }
        print(
          `API during the sync: slowest reply ${(slowestReply / 1000).toFixed(
            1,
          )} s, ${unanswered} status poll(s) unanswered after 60 s, ${busy} on a locked database`,
        );
        if (finished.status !== 'succeeded')
          throw new Error(
            `sync ${finished.status}: ${JSON.stringify(finished)}`,
          );
        print(
          `size ${SIZE}, ${database.label}: sync took ${(
            (Date.now() - started) /
            1000
          ).toFixed(0)} s; counts ${JSON.stringify(finished.counts ?? {})}`,
        );
      };
      if (REUSED.has(db))
        print(
          `reusing the L database an earlier JUMPCLOUD_BENCH_API_KEEP=1 run synced and kept (no sync in this run): ${database.kept}`,
        );
      else await syncOnce(connection);

      // 2. every read the UI makes, with terms and ids from the data
      const routes = (await readRoutes(api, connection.id)).filter(
        route => !ROUTES || ROUTES.test(route),
      );

      // 3. each route on its own, CONCURRENCY connections for SECONDS
      print(
        `autocannon: ${CONCURRENCY} connections, ${SECONDS} s per route, from a separate process; target p95 ≤ ${TARGET_MS} ms`,
      );
      const reports: Array<{ route: string; report: LoadReport }> = [];
      const width = Math.max(...routes.map(r => r.length));
      for (const route of routes) {
        const body = await api('GET', route); // warm-up and a sanity check
        let rows = 'object';
        if (typeof body?.totalCount === 'number')
          rows = `${body.totalCount} rows`;
        else if (Array.isArray(body)) rows = `${body.length} items`;
        const request: LoadRequest = {
          url: `${base}${route}`,
          headers,
          connections: CONCURRENCY,
          durationSeconds: SECONDS,
        };
        const { report } = await nextMessage<{ report: LoadReport }>(
          forkChild(path.resolve(__dirname, 'loadProcess.ts'), request),
          'report',
        );
        reports.push({ route, report });
        const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
        print(
          `GET ${route.padEnd(width)}  p50 ${ms(report.p50)}  p95 ${ms(
            report.p95,
          )}  p99 ${ms(report.p99)}  ${report.requestsPerSecond
            .toFixed(0)
            .padStart(5)} req/s  (${rows}, ${(
            report.bytesPerResponse / 1024
          ).toFixed(1)} KiB${
            report.non2xx || report.errors
              ? `; ${report.non2xx} non-2xx, ${report.errors} errors`
              : ''
          })`,
        );
      }

      const over = reports.filter(r => r.report.p95 > TARGET_MS);
      const failed = reports.filter(r => r.report.non2xx || r.report.errors);
      const worst = reports.reduce((a, b) =>
        b.report.p95 > a.report.p95 ? b : a,
      );
      const p95s = reports.map(r => r.report.p95).sort((a, b) => a - b);
      const medianP95 = p95s[Math.floor(p95s.length / 2)];
      const rss = process.resourceUsage().maxRSS / 1024;
      print(
        `${reports.length} routes: median p95 ${medianP95.toFixed(
          0,
        )} ms, worst p95 ${worst.report.p95.toFixed(0)} ms (GET ${
          worst.route
        }); ${over.length} route(s) over ${TARGET_MS} ms${
          over.length ? `: ${over.map(r => r.route).join(', ')}` : ''
        }; ${failed.length} route(s) with errors; load average ${os
          .loadavg()[0]
          .toFixed(1)} on ${os.cpus().length} cores`,
      );
      print(
        `peak RSS ${rss.toFixed(
          0,
        )} MiB (high-water mark of the jest process so far: the backend, its SQLite if any, and jest; simulator and load generator run apart)`,
      );
      process.stdout.write(
        `RESULT ${JSON.stringify({
          name: `api: p95 of each of ${
            reports.length
          } read routes, ${CONCURRENCY} concurrent connections, ${
            db === 'pg' ? 'PostgreSQL' : 'SQLite'
          }`,
          target: `≤ ${TARGET_MS} ms`,
          measured: `worst ${worst.report.p95.toFixed(
            0,
          )} ms, median ${medianP95.toFixed(0)} ms; ${
            over.length
          } over; peak RSS ${rss.toFixed(0)} MiB`,
          met: over.length === 0 && failed.length === 0,
          size: SIZE,
        })}\n`,
      );
      expect(failed.map(r => r.route)).toEqual([]);
    } finally {
      await backend.stop();
      sim.close();
      if (KEEP || REUSED.has(db)) print(`database kept: ${database.kept}`);
      else await database.cleanup();
    }
  });
});
