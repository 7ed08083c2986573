// Shared by bench:checks and bench:findings-page: a complete run whose
// evaluation fails `count` (check, entity) pairs, sealed through the real
// RunEvaluation code path, so both benchmarks read the same findings; the
// planner's statistics are then refreshed as a sync does once it applies
// the run.
import { emptySnapshot } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { refreshPlannerStatistics } from '../src/database/plannerStatistics';
import { builtInChecks, type CheckResult } from '../src/checks';
import type { FindingsUnits } from '../src/evaluation/createFindingsUnits';
import type {
  CompleteRunContext,
  EvaluationResult,
} from '../src/evaluation/types';
import { scoreResults } from '../src/posture/score';
import { resultsInMemory } from '../src/findings/RunResults';
import { CheckStatusTally } from '../src/findings/CheckStatusCounts';

/** Seals the run and returns how long the seal took, in milliseconds. */
export async function sealFailingRun(
  service: Pick<FindingsUnits, 'evaluation'>,
  options: {
    connectionId: string;
    count: number;
    finishedAt: Date;
    knex: Knex;
    logger: LoggerService;
  },
): Promise<number> {
  const finishedAt = options.finishedAt.toISOString();
  const ctx: CompleteRunContext = {
    connectionId: options.connectionId,
    connectionName: 'bench',
    orgId: 'org-bench',
    runId: 'bench-run-1',
    startedAt: new Date(
      options.finishedAt.getTime() - 5 * 60_000,
    ).toISOString(),
    finishedAt,
    snapshot: emptySnapshot(finishedAt),
    counts: {},
  };
  const results: CheckResult[] = [];
  for (let i = 0; i < options.count; i++) {
    const check = builtInChecks[i % builtInChecks.length];
    const entity = Math.floor(i / builtInChecks.length);
    results.push({
      checkId: check.id,
      severity: check.severity,
      entityKind: check.entityKind,
      entityId: `${check.entityKind}-${entity}`,
      entityName: `host-${entity}`,
      status: 'fail',
      message: `${check.title} failed`,
      evidence: { sample: entity },
    });
  }
  const posture = scoreResults(results);
  const statusCounts = new CheckStatusTally();
  for (const result of results) statusCounts.add(result);
  const evaluation: EvaluationResult = {
    evaluatedAt: finishedAt,
    results: resultsInMemory(results),
    evaluatedCheckIds: builtInChecks.map(c => c.id),
    unevaluated: [],
    errors: [],
    summary: posture.counts,
    posture,
    statusCounts,
  };
  const started = Date.now();
  await service.evaluation.seal(ctx, evaluation);
  const sealMs = Date.now() - started;
  await refreshPlannerStatistics(options.knex, options.logger);
  return sealMs;
}
