/* eslint-disable no-console */
// yarn bench:evidence — seals one run of a synthetic org (L: 20k devices,
// 20k users; JUMPCLOUD_BENCH_SIZE=XL: 100k + 100k) through the real
// evaluate + seal path on SQLite, prints the bytes the run adds to sealed
// evidence (population blobs + manifest row), and projects a year of hourly
// syncs under the default retention policy and with no policy. Then checks
// the pruning pass on this run's copies: the pruned bytes go, the chain
// verifies.
import type { LoggerService } from '@backstage/backend-plugin-api';
import knexFactory, { type Knex } from 'knex';
import { DateTime, Duration } from 'luxon';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultCheckThresholds } from '../src/checks';
import { createFindingsUnits } from '../src/evaluation/createFindingsUnits';
import type { CompleteRunContext } from '../src/evaluation/types';
import { EvidenceRetention } from '../src/evidence/EvidenceRetention';
import {
  DEFAULT_EVIDENCE_RETENTION,
  describeRetention,
  keptRunCount,
} from '../src/evidence/retentionPolicy';
import { syntheticOrg } from './syntheticOrg';

const SIZE = (process.env.JUMPCLOUD_BENCH_SIZE ?? 'L').toUpperCase();
const PER_KIND = SIZE === 'XL' ? 100_000 : 20_000;
const HOURLY = Duration.fromObject({ hours: 1 });
const YEAR = Duration.fromObject({ days: 365 });
const RUNS_A_YEAR = YEAR.as('hours');

const silentLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child: () => silentLogger,
} as unknown as LoggerService;

/** Machine-readable line for scripts/bench-all.mjs's summary table. */
function result(name: string, target: string, measured: string, met: boolean) {
  console.log(
    `RESULT ${JSON.stringify({ name, target, measured, met, size: SIZE })}`,
  );
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GB`;

/** Bytes one sealed run takes: its population blobs and its manifest row's text. */
async function runBytes(knex: Knex, runId: string) {
  const [blobs] = await knex('jc_evidence_populations')
    .where('run_id', runId)
    .select(knex.raw('sum(length(content)) as bytes'));
  const manifest = await knex('jc_evidence_runs')
    .where('run_id', runId)
    .first();
  const manifestBytes = Object.values(manifest as Record<string, unknown>)
    .map(v => Buffer.byteLength(String(v ?? '')))
    .reduce((a, b) => a + b, 0);
  return { blobBytes: Number(blobs.bytes), manifestBytes };
}

function sealContext(at: DateTime, index: number): CompleteRunContext {
  const snapshot = syntheticOrg(PER_KIND, PER_KIND, at);
  return {
    connectionId: 'bench',
    connectionName: 'bench',
    orgId: 'org-bench',
    runId: `bench-run-${index}`,
    startedAt: at.minus({ minutes: 5 }).toISO()!,
    finishedAt: at.toISO()!,
    snapshot,
    counts: { systems: PER_KIND, users: PER_KIND },
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'jc-bench-evidence-'));
  const file = join(dir, 'bench.sqlite');
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  try {
    await knex.migrate.latest({
      directory: resolve(__dirname, '../migrations'),
    });
    // Two runs sealed an hour apart on one day 40 days ago (the seal's
    // clock says when): past keepAllDays, the policy keeps the day's newest
    // and prunes the first.
    const now = DateTime.utc();
    const day = now.minus({ days: 40 }).startOf('day').plus({ hours: 12 });
    let sealClock: DateTime = day;
    const units = createFindingsUnits({
      knex,
      logger: silentLogger,
      thresholds: defaultCheckThresholds,
      clock: () => sealClock,
    });
    const ctxs = [sealContext(day, 1), sealContext(day.plus({ hours: 1 }), 2)];
    const fileBefore = statSync(file).size;
    const started = Date.now();
    for (const ctx of ctxs) {
      sealClock = DateTime.fromISO(ctx.finishedAt, { zone: 'utc' });
      const evaluation = await units.evaluation.evaluate(ctx);
      await units.evaluation.seal(ctx, evaluation);
    }
    const sealSeconds = (Date.now() - started) / 1000 / ctxs.length;
    const { blobBytes, manifestBytes } = await runBytes(knex, 'bench-run-1');
    const perRun = blobBytes + manifestBytes;
    console.log(
      `org ${SIZE}: ${PER_KIND} devices, ${PER_KIND} users; evaluate + seal ${sealSeconds.toFixed(
        1,
      )} s per run; SQLite file grew ${mb(
        (statSync(file).size - fileBefore) / ctxs.length,
      )} per run (findings, results and posture included)`,
    );
    console.log(
      `one sealed run adds ${mb(perRun)} of evidence: population blobs ${mb(
        blobBytes,
      )} + manifest row ${(manifestBytes / 1024).toFixed(1)} kB`,
    );

    const kept = keptRunCount(DEFAULT_EVIDENCE_RETENTION, HOURLY, YEAR);
    const pruned = RUNS_A_YEAR - kept;
    const withPolicy = kept * perRun + pruned * manifestBytes;
    const withoutPolicy = RUNS_A_YEAR * perRun;
    console.log(
      `default policy: ${describeRetention(DEFAULT_EVIDENCE_RETENTION)}`,
    );
    console.log(
      `after a year of hourly syncs (${RUNS_A_YEAR} runs): ${kept} kept whole + ${pruned} pruned manifests = ${gb(
        withPolicy,
      )} under the default policy; ${gb(withoutPolicy)} with no policy (${(
        withoutPolicy / withPolicy
      ).toFixed(1)}x)`,
    );
    result('evidence: bytes one sealed run adds', 'reported', mb(perRun), true);
    result(
      'evidence: a year of hourly syncs, default policy vs none',
      `< no policy (${gb(withoutPolicy)})`,
      gb(withPolicy),
      withPolicy < withoutPolicy,
    );

    const pass = await new EvidenceRetention(
      knex,
      DEFAULT_EVIDENCE_RETENTION,
    ).pruneAll(now);
    const after = await runBytes(knex, 'bench-run-1');
    const verdict = await units.evidence.verify('bench');
    console.log(
      `pruning pass: ${pass[0].pruned} run pruned, its blobs ${mb(
        blobBytes,
      )} → ${mb(after.blobBytes || 0)}, manifest kept; verify ok=${
        verdict.ok
      }, ${verdict.checkedRuns} runs checked, ${
        verdict.prunedRuns
      } pruned by policy`,
    );
    result(
      'evidence: chain verifies across a pruned run',
      'ok',
      verdict.ok ? 'ok' : `broken: ${verdict.reason}`,
      verdict.ok && verdict.prunedRuns === 1,
    );
    console.log(
      `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`,
    );
  } finally {
    await knex.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
