import type { JumpCloudCheck } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { Knex } from 'knex';
import { readCheckThresholds, type CheckThresholds } from '../checks';
import { CheckCatalogue } from '../checks/CheckCatalogue';
import { EvidenceStore } from '../evidence/EvidenceStore';
import { PostureStore } from '../posture/PostureStore';
import { CheckStatusCounts } from '../findings/CheckStatusCounts';
import { ExceptionsStore } from '../findings/ExceptionsStore';
import { FindingsStore } from '../findings/FindingsStore';
import { RunEvaluation } from './RunEvaluation';
import type { Clock } from '../findings/time';

export interface FindingsUnitsOptions {
  /** The plugin's knex client (migrated by the plugin). */
  knex: Knex;
  logger: LoggerService;
  /** Root config; `jumpcloud.checks` holds thresholds and disabled checks. */
  config?: Config;
  /** Overrides `jumpcloud.checks` (tests, benchmarks). */
  thresholds?: CheckThresholds;
  /** Custom checks from the extension point, run after the built-in ones. */
  checks?: JumpCloudCheck[];
  clock?: Clock;
}

/**
 * The stores of checks, findings, exceptions, posture and evidence, and the
 * evaluation that writes them: built once by the composition root (and by
 * a sync worker, which needs only `evaluation`), each handed to what uses it.
 */
export function createFindingsUnits(options: FindingsUnitsOptions) {
  const { knex, logger } = options;
  const catalogue = new CheckCatalogue(
    options.thresholds ?? readCheckThresholds(options.config),
    options.checks,
    logger,
  );
  const findings = new FindingsStore(knex);
  const exceptions = new ExceptionsStore(knex);
  const evidence = new EvidenceStore(knex);
  const posture = new PostureStore(knex, findings);
  const checkStatus = new CheckStatusCounts(knex);
  const evaluation = new RunEvaluation({
    knex,
    logger,
    catalogue,
    findings,
    exceptions,
    evidence,
    posture,
    clock: options.clock,
  });
  return {
    catalogue,
    findings,
    exceptions,
    evidence,
    posture,
    checkStatus,
    evaluation,
  };
}

export type FindingsUnits = ReturnType<typeof createFindingsUnits>;
