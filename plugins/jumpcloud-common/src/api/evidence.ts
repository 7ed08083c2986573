// The Evidence view's shapes beyond the sealed manifest itself (which is in
// findings.ts with the verification result).

import type { EvidenceManifest, EvidenceVerifyResult } from './findings';

/**
 * GET /evidence item: a sealed run's manifest with what the list shows
 * beside it. The extra fields are read alongside the seal and are not part
 * of what the manifest hash covers.
 *
 * @public
 */
export interface EvidenceRun extends EvidenceManifest {
  /** Rows sealed per population (devices, users, admins, groups, …). */
  populationCounts: Record<string, number>;
  /** Findings open when the run was sealed; null when none were recorded. */
  openFindings: number | null;
  /**
   * When the evidence retention policy deleted the run's populations (its
   * manifest, hash and link remain and still verify); null when kept whole.
   */
  prunedAt: string | null;
  /** The policy that pruned it, in words; null when kept whole. */
  prunedReason: string | null;
}

/**
 * One connection's chain, as POST /evidence/verify found it.
 *
 * @public
 */
export interface EvidenceChainVerdict {
  connectionId: string;
  connectionName: string;
  checkedRuns: number;
  /**
   * Of the checked runs, those pruned by the retention policy: their
   * manifest hash and link were checked, their populations are gone.
   */
  prunedRuns?: number;
  /** The newest run that matches its seal and chain (before any break). */
  lastVerifiedRunId: string | null;
  lastVerifiedSealedAt: string | null;
  /** The first run that no longer matches, and why. */
  tamperedRunId: string | null;
  tamperedSealedAt: string | null;
  reason: string | null;
}

/**
 * POST /evidence/verify: the verdict, and who asked for it when (also in History).
 *
 * @public
 */
export interface EvidenceVerification extends EvidenceVerifyResult {
  verifiedBy: string;
  verifiedAt: string;
}
