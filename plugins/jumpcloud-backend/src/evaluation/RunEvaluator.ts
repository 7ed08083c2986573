import type { EvidenceManifest } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { CompleteRunContext, EvaluationResult } from './types';

/**
 * The evaluate → seal steps of an applied run, as the sync pipeline calls
 * them (RunEvaluation implements it; a sync worker builds its own).
 */
export interface RunEvaluator {
  evaluate(ctx: CompleteRunContext): Promise<EvaluationResult>;
  seal(
    ctx: CompleteRunContext,
    evaluation: EvaluationResult,
  ): Promise<EvidenceManifest>;
}
