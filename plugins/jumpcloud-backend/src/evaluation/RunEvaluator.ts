import type { EvidenceManifest } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { FindingChanges } from './sealFindings';
import type { CompleteRunContext, EvaluationResult } from './types';

/** A sealed run, and what sealing it changed in the findings. */
export interface SealedRun {
  manifest: EvidenceManifest;
  /** null when the run was sealed before (a retried seal changes nothing). */
  findingChanges: FindingChanges | null;
}

/**
 * The evaluate → seal steps of an applied run, as the sync pipeline calls
 * them (RunEvaluation implements it; a sync worker builds its own).
 */
export interface RunEvaluator {
  evaluate(ctx: CompleteRunContext): Promise<EvaluationResult>;
  seal(
    ctx: CompleteRunContext,
    evaluation: EvaluationResult,
  ): Promise<SealedRun>;
}
