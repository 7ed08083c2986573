import type {
  CheckEntityKind,
  CheckResultStatus,
  EntityPosture,
  Posture,
  PostureTrendPoint,
  RiskException,
  UnevaluatedCheck,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import type { CheckResult } from '../checks';
import type { CheckStatusTally } from '../findings/CheckStatusCounts';
import { FindingsStore } from '../findings/FindingsStore';
import type { RunResults } from '../findings/RunResults';
import { latestSealedRuns } from '../findings/latestSealedRuns';
import { EntityResultsWriter, type StoredResult } from './EntityResultsWriter';
import { emptyStatusCounts, scoreOf, type PostureScore } from './score';

/** What a sealed run's posture is recorded from. */
export interface RunPosture {
  runId: string;
  connectionId: string;
  evaluatedAt: string;
  posture: PostureScore;
  /** Checks the run could not evaluate, and why. */
  unevaluated: UnevaluatedCheck[];
  results: Pick<RunResults, 'byEntity'>;
  /** The run's counts per check and status, tallied as it was evaluated. */
  statusCounts: CheckStatusTally;
  /**
   * The entities whose results changed since the run the stored per-entity
   * results are of: only theirs are compared and written. Absent: every
   * entity's are.
   */
  changedEntities?: string[];
}

interface PointRow {
  run_id: string;
  connection_id: string;
  at: string;
  score: number | null;
  weighted_pass: number;
  weighted_applicable: number;
  counts_json: string;
  open_by_severity_json: string;
  open_findings: number;
  unevaluated_json: string | null;
}

/** Posture points per sealed run, and the latest results per entity. */
export class PostureStore {
  constructor(
    private readonly knex: Knex,
    private readonly findings: FindingsStore,
  ) {}

  /** Writes the run's posture point and brings the connection's per-entity results up to date. */
  async record(
    trx: Knex.Transaction,
    run: RunPosture,
    now: string,
  ): Promise<void> {
    const openBySeverity = await new FindingsStore(trx).openBySeverity(
      run.connectionId,
      now,
    );
    await trx('jc_posture_points').insert({
      run_id: run.runId,
      connection_id: run.connectionId,
      at: run.evaluatedAt,
      score: run.posture.score,
      weighted_pass: run.posture.weightedPass,
      weighted_applicable: run.posture.weightedApplicable,
      counts_json: JSON.stringify(run.posture.counts),
      open_by_severity_json: JSON.stringify(openBySeverity),
      open_findings: Object.values(openBySeverity).reduce((a, b) => a + b, 0),
      unevaluated_json: JSON.stringify(run.unevaluated ?? []),
    });

    // Results arrive each entity's together and are compared a batch of
    // entities at a time: a large org has hundreds of thousands of results.
    const entities = new EntityResultsWriter(trx, run, countStatuses);
    let entity: CheckResult[] = [];
    for await (const result of run.results.byEntity(trx, run.changedEntities)) {
      if (entity.length > 0 && entity[0].entityId !== result.entityId) {
        await entities.add(entity);
        entity = [];
      }
      entity.push(result);
    }
    if (entity.length > 0) await entities.add(entity);
    await entities.finish(run.changedEntities);
    await run.statusCounts.replace(trx, run);
  }

  /** The latest point of a connection, or the latest of every connection combined. */
  async current(
    connectionId: string | undefined,
    now: string,
  ): Promise<Posture> {
    const latest = this.knex<PointRow>('jc_posture_points as p').whereRaw(
      'p.at = (select max(q.at) from jc_posture_points q where q.connection_id = p.connection_id)',
    );
    if (connectionId) latest.where('p.connection_id', connectionId);
    const points: PointRow[] = await latest.select('p.*');
    const counts = emptyStatusCounts();
    let pass = 0;
    let applicable = 0;
    for (const point of points) {
      const c = JSON.parse(point.counts_json) as Record<
        CheckResultStatus,
        number
      >;
      for (const status of Object.keys(counts) as CheckResultStatus[])
        counts[status] += c[status] ?? 0;
      pass += Number(point.weighted_pass);
      applicable += Number(point.weighted_applicable);
    }
    return {
      connectionId: connectionId ?? null,
      unevaluatedChecks: points.flatMap(point =>
        (JSON.parse(point.unevaluated_json ?? '[]') as UnevaluatedCheck[]).map(
          check => ({ ...check, connectionId: point.connection_id }),
        ),
      ),
      runId: connectionId && points[0] ? points[0].run_id : null,
      score: scoreOf(pass, applicable),
      counts,
      openBySeverity: await this.findings.openBySeverity(connectionId, now),
      evaluatedAt:
        points
          .map(p => p.at)
          .sort()
          .pop() ?? null,
    };
  }

  async trend(
    connectionId: string | undefined,
    limit: number,
  ): Promise<PostureTrendPoint[]> {
    const q = this.knex<PointRow>('jc_posture_points');
    if (connectionId) q.where('connection_id', connectionId);
    const rows: PointRow[] = await q.orderBy('at', 'desc').limit(limit);
    return rows.reverse().map(r => ({
      runId: r.run_id,
      connectionId: r.connection_id,
      at: r.at,
      score: r.score === null ? null : Number(r.score),
      openFindings: Number(r.open_findings),
    }));
  }

  async entity(
    connectionId: string,
    entityId: string,
    activeExceptions: RiskException[],
  ): Promise<EntityPosture | undefined> {
    const [posture] = await this.entities(
      connectionId,
      [entityId],
      activeExceptions,
    );
    return posture;
  }

  /** The postures of several entities of a connection (absent ones left out). */
  async entities(
    connectionId: string,
    entityIds: string[],
    activeExceptions: RiskException[],
  ): Promise<EntityPosture[]> {
    if (entityIds.length === 0) return [];
    const rows = await this.knex('jc_check_entity_results')
      .where('connection_id', connectionId)
      .whereIn('entity_id', entityIds);
    // Every row is the latest sealed run's (rows change only when results do).
    const latest = (await latestSealedRuns(this.knex, [connectionId])).get(
      connectionId,
    );
    return rows.map(row =>
      toEntityPosture(
        { ...row, run_id: latest?.runId ?? row.run_id },
        activeExceptions,
      ),
    );
  }
}

function toEntityPosture(
  row: Record<string, any>,
  activeExceptions: RiskException[],
): EntityPosture {
  const entityId = row.entity_id as string;
  const covered = (checkId: string) =>
    activeExceptions.some(
      e =>
        e.checkId === checkId &&
        (e.entityId === null || e.entityId === entityId),
    );
  // Exceptions created or expired since the run apply now, not at the next sync.
  const results = (JSON.parse(row.results_json) as StoredResult[]).map(r => {
    if (r.status === 'fail' && covered(r.checkId))
      return { ...r, status: 'excepted' as const };
    if (r.status === 'excepted' && !covered(r.checkId))
      return { ...r, status: 'fail' as const };
    return r;
  });
  return {
    connectionId: row.connection_id as string,
    entityId,
    entityKind: row.entity_kind as CheckEntityKind,
    entityName: row.entity_name as string,
    runId: row.run_id as string,
    counts: countStatuses(results),
    results,
  };
}

function countStatuses(results: Array<{ status: CheckResultStatus }>) {
  const counts = emptyStatusCounts();
  for (const r of results) counts[r.status]++;
  return counts;
}
