import type {
  EvidenceChainVerdict,
  EvidenceManifest,
  EvidenceRun,
  EvidenceVerifyResult,
  Page,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { sha256Hex, unpackPopulation } from './canonical';
import { manifestHash, POPULATIONS, type PopulationName } from './manifest';
import { packPopulationStream, type PopulationRows } from './packStream';

interface EvidenceRunRow {
  run_id: string;
  connection_id: string;
  seq: number;
  connection_name: string;
  org_id: string | null;
  started_at: string;
  finished_at: string;
  counts_json: string;
  results_summary_json: string;
  hashes_json: string;
  previous_hash: string | null;
  hash: string;
  sealed_at: string;
  coverage_json: string | null;
  /** Set when the retention policy deleted the run's populations. */
  pruned_at: string | null;
  pruned_reason: string | null;
  population_counts_json: string | null;
}

/** A run the retention policy pruned: when, and under which policy. */
export interface PrunedRun {
  prunedAt: string;
  prunedReason: string;
}

/** A run to seal: its manifest but for the hashes, which sealing computes. */
export interface SealInput
  extends Omit<EvidenceManifest, 'hashes' | 'previousHash' | 'hash'> {
  /** Read once each, in POPULATIONS order, and packed as they are read. */
  populations: Record<PopulationName, PopulationRows>;
}

function toManifest(row: EvidenceRunRow): EvidenceManifest {
  return {
    runId: row.run_id,
    connectionId: row.connection_id,
    connectionName: row.connection_name,
    orgId: row.org_id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    counts: JSON.parse(row.counts_json),
    resultsSummary: JSON.parse(row.results_summary_json),
    hashes: JSON.parse(row.hashes_json),
    previousHash: row.previous_hash,
    hash: row.hash,
    sealedAt: row.sealed_at,
    // Runs sealed before coverage was recorded hashed no such key.
    ...(row.coverage_json ? { coverage: JSON.parse(row.coverage_json) } : {}),
  };
}

/**
 * Sealed evidence: per run, every population as gzip'd canonical JSON with
 * its sha256, and a manifest whose hash covers those hashes and the
 * previous run's hash (a chain per connection). Independent of the core's
 * "latest snapshot" tables, so old runs stay exportable and verifiable.
 */
export class EvidenceStore {
  constructor(private readonly knex: Knex) {}

  /** Writes one sealed run inside the caller's transaction. */
  async seal(
    trx: Knex.Transaction,
    input: SealInput,
  ): Promise<EvidenceManifest> {
    const previous: EvidenceRunRow | undefined = await trx('jc_evidence_runs')
      .where('connection_id', input.connectionId)
      .orderBy('seq', 'desc')
      .first();
    const hashes: Record<string, string> = {};
    // One population at a time, stored as soon as it is packed (the
    // caller's transaction makes the run appear whole or not at all).
    for (const name of POPULATIONS) {
      const pack = await packPopulationStream(input.populations[name]);
      hashes[name] = pack.sha256;
      await trx('jc_evidence_populations').insert({
        run_id: input.runId,
        name,
        row_count: pack.rowCount,
        sha256: pack.sha256,
        content: pack.content,
      });
    }
    const unsigned: Omit<EvidenceManifest, 'hash'> = {
      runId: input.runId,
      connectionId: input.connectionId,
      connectionName: input.connectionName,
      orgId: input.orgId,
      startedAt: input.startedAt,
      finishedAt: input.finishedAt,
      counts: input.counts,
      resultsSummary: input.resultsSummary,
      hashes,
      previousHash: previous?.hash ?? null,
      sealedAt: input.sealedAt,
      ...(input.coverage ? { coverage: input.coverage } : {}),
    };
    const manifest: EvidenceManifest = {
      ...unsigned,
      hash: manifestHash(unsigned),
    };
    await trx('jc_evidence_runs').insert({
      run_id: manifest.runId,
      connection_id: manifest.connectionId,
      seq: (previous?.seq ?? 0) + 1,
      connection_name: manifest.connectionName,
      org_id: manifest.orgId,
      started_at: manifest.startedAt,
      finished_at: manifest.finishedAt,
      counts_json: JSON.stringify(manifest.counts),
      results_summary_json: JSON.stringify(manifest.resultsSummary),
      hashes_json: JSON.stringify(manifest.hashes),
      previous_hash: manifest.previousHash,
      hash: manifest.hash,
      sealed_at: manifest.sealedAt,
      coverage_json: manifest.coverage
        ? JSON.stringify(manifest.coverage)
        : null,
    });
    return manifest;
  }

  /**
   * Sealed runs, newest first. With `asOf`: per connection, the run in
   * force then (the latest sealed run that finished at or before it).
   */
  async list(query: {
    connectionId?: string;
    /** ISO 8601 UTC with milliseconds (the stored format, compared as text). */
    asOf?: string;
    limit: number;
    offset: number;
  }): Promise<Page<EvidenceRun>> {
    const base = this.knex('jc_evidence_runs as r');
    if (query.connectionId) base.where('r.connection_id', query.connectionId);
    if (query.asOf) {
      const inForce = this.knex('jc_evidence_runs as q')
        .max('q.seq')
        .whereRaw('q.connection_id = r.connection_id')
        .where('q.finished_at', '<=', query.asOf);
      base.where('r.seq', inForce);
    }
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows: EvidenceRunRow[] = await base
      .clone()
      .select('r.*')
      .orderBy([
        { column: 'r.sealed_at', order: 'desc' },
        { column: 'r.seq', order: 'desc' },
      ])
      .limit(query.limit)
      .offset(query.offset);
    return {
      items: await this.withListFields(rows),
      totalCount: Number(count),
      limit: query.limit,
      offset: query.offset,
    };
  }

  /** Adds each run's population row counts and the findings then open. */
  private async withListFields(
    runRows: EvidenceRunRow[],
  ): Promise<EvidenceRun[]> {
    const runIds = runRows.map(r => r.run_id);
    if (runIds.length === 0) return [];
    const populations: Array<{
      run_id: string;
      name: string;
      row_count: number;
    }> = await this.knex('jc_evidence_populations')
      .select('run_id', 'name', 'row_count')
      .whereIn('run_id', runIds);
    const points: Array<{ run_id: string; open_findings: number }> =
      await this.knex('jc_posture_points')
        .select('run_id', 'open_findings')
        .whereIn('run_id', runIds);
    return runRows.map(row => {
      const manifest = toManifest(row);
      // A pruned run's blobs are gone; their row counts stay on its manifest row.
      const populationCounts: Record<string, number> = JSON.parse(
        row.population_counts_json ?? '{}',
      );
      for (const p of populations)
        if (p.run_id === manifest.runId)
          populationCounts[p.name] = Number(p.row_count);
      const point = points.find(p => p.run_id === manifest.runId);
      return {
        ...manifest,
        populationCounts,
        openFindings: point ? Number(point.open_findings) : null,
        prunedAt: row.pruned_at ?? null,
        prunedReason: row.pruned_reason ?? null,
      };
    });
  }

  async get(runId: string): Promise<EvidenceManifest | undefined> {
    const row: EvidenceRunRow | undefined = await this.knex('jc_evidence_runs')
      .where('run_id', runId)
      .first();
    return row ? toManifest(row) : undefined;
  }

  /** Whether the retention policy pruned the run, and under which policy. */
  async pruned(runId: string): Promise<PrunedRun | undefined> {
    const row: Pick<EvidenceRunRow, 'pruned_at' | 'pruned_reason'> | undefined =
      await this.knex('jc_evidence_runs')
        .select('pruned_at', 'pruned_reason')
        .where('run_id', runId)
        .first();
    return row?.pruned_at
      ? { prunedAt: row.pruned_at, prunedReason: row.pruned_reason ?? '' }
      : undefined;
  }

  /** One stored population as parsed rows. */
  async population(
    runId: string,
    name: PopulationName,
  ): Promise<Array<Record<string, unknown>>> {
    const row = await this.knex('jc_evidence_populations')
      .where({ run_id: runId, name })
      .first();
    return row ? JSON.parse(unpackPopulation(row.content)) : [];
  }

  /**
   * Recomputes every population hash, every manifest hash and every link of
   * the chain, oldest run first, per connection; names the first run that no
   * longer matches its seal (the earliest sealed, across connections).
   * A run pruned by the retention policy has no populations left: its
   * manifest hash and link are checked and it is counted as pruned.
   */
  async verify(connectionId?: string): Promise<EvidenceVerifyResult> {
    const connections: string[] = connectionId
      ? [connectionId]
      : (
          await this.knex('jc_evidence_runs')
            .distinct('connection_id')
            .orderBy('connection_id')
        ).map((r: { connection_id: string }) => r.connection_id);
    const verdicts: EvidenceChainVerdict[] = [];
    for (const id of connections) verdicts.push(await this.verifyChain(id));
    const first = verdicts
      .filter(v => v.tamperedRunId)
      .sort((a, b) =>
        a.tamperedSealedAt!.localeCompare(b.tamperedSealedAt!),
      )[0];
    return {
      ok: !first,
      checkedRuns: verdicts.reduce((sum, v) => sum + v.checkedRuns, 0),
      prunedRuns: verdicts.reduce((sum, v) => sum + (v.prunedRuns ?? 0), 0),
      firstTamperedRunId: first?.tamperedRunId ?? null,
      reason: first?.reason ?? null,
      connections: verdicts,
    };
  }

  /** One connection's chain, oldest first, up to the first broken run. */
  private async verifyChain(
    connectionId: string,
  ): Promise<EvidenceChainVerdict> {
    const runs: EvidenceRunRow[] = await this.knex('jc_evidence_runs')
      .where('connection_id', connectionId)
      .orderBy('seq', 'asc');
    const verdict: EvidenceChainVerdict = {
      connectionId,
      connectionName: runs.at(-1)?.connection_name ?? connectionId,
      checkedRuns: 0,
      prunedRuns: 0,
      lastVerifiedRunId: null,
      lastVerifiedSealedAt: null,
      tamperedRunId: null,
      tamperedSealedAt: null,
      reason: null,
    };
    let previousHash: string | null = null;
    for (const run of runs) {
      verdict.checkedRuns++;
      if (run.pruned_at) verdict.prunedRuns!++;
      const reason =
        run.pruned_at && run === runs.at(-1)
          ? 'the newest sealed run is marked pruned, which the retention policy never does'
          : await this.verifyRun(run, previousHash);
      if (reason) {
        verdict.tamperedRunId = run.run_id;
        verdict.tamperedSealedAt = run.sealed_at;
        verdict.reason = reason;
        break;
      }
      verdict.lastVerifiedRunId = run.run_id;
      verdict.lastVerifiedSealedAt = run.sealed_at;
      previousHash = run.hash;
    }
    return verdict;
  }

  private async verifyRun(
    run: EvidenceRunRow,
    previousHash: string | null,
  ): Promise<string | undefined> {
    const manifest = toManifest(run);
    if (manifest.previousHash !== previousHash)
      return 'the chain is broken: previousHash does not match the previous sealed run';
    const { hash, ...unsigned } = manifest;
    if (manifestHash(unsigned) !== hash)
      return 'the manifest was changed after sealing';
    // Pruned by policy: the manifest and its link are all that is kept.
    if (run.pruned_at) return undefined;
    const rows: Array<{ name: string; sha256: string; content: Buffer }> =
      await this.knex('jc_evidence_populations').where('run_id', run.run_id);
    for (const name of POPULATIONS) {
      const row = rows.find(r => r.name === name);
      if (!row) return `population ${name} is missing`;
      let actual: string;
      try {
        actual = sha256Hex(unpackPopulation(row.content));
      } catch {
        return `population ${name} is damaged (not valid gzip)`;
      }
      if (actual !== manifest.hashes[name])
        return `population ${name} does not match its sealed sha256`;
    }
    return undefined;
  }
}
