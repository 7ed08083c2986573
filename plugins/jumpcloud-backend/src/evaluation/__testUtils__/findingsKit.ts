import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import {
  createFindingsUnits,
  type FindingsUnitsOptions,
} from '../createFindingsUnits';
import { systemClock, toIsoUtc } from '../../findings/time';
import type { CompleteRunContext, EvaluationResult } from '../types';

/**
 * The findings units with the shortcuts tests use (`now()`, `postureOf`…),
 * as the routes combine them.
 */
export function findingsKit(
  knex: Knex,
  options: Omit<FindingsUnitsOptions, 'knex' | 'logger'> & {
    logger: LoggerService;
  },
) {
  const clock = options.clock ?? systemClock;
  const units = createFindingsUnits({ ...options, knex, clock });
  const now = () => toIsoUtc(clock());
  return {
    ...units,
    /** The units as built, e.g. for createFindingsRouter. */
    units,
    checkCatalogue: units.catalogue,
    thresholds: units.catalogue.thresholds,
    clock,
    now,
    evaluate: (ctx: CompleteRunContext) => units.evaluation.evaluate(ctx),
    seal: async (ctx: CompleteRunContext, evaluation: EvaluationResult) =>
      (await units.evaluation.seal(ctx, evaluation)).manifest,
    postureOf: (connectionId?: string) =>
      units.posture.current(connectionId, now()),
    trend: (connectionId?: string, limit = 200) =>
      units.posture.trend(connectionId, limit),
    entityPosture: async (connectionId: string, entityId: string) =>
      units.posture.entity(
        connectionId,
        entityId,
        await units.exceptions.active(connectionId, now()),
      ),
    catalogue: () => units.catalogue.describe(),
    hasCheck: (id: string) => units.catalogue.has(id),
    checkIdsForFramework: (filter: string) =>
      units.catalogue.idsForFramework(filter),
  };
}

export type FindingsKit = ReturnType<typeof findingsKit>;
