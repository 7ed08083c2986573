import type {
  EvidenceChainVerdict,
  EvidenceRun,
  EvidenceVerification,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { DateTime } from 'luxon';
import { formatDateTime } from '../shared/dates';

/** The first characters of a sha256: enough to tell runs apart on screen. */
export function shortHash(hash: string | null): string {
  return hash ? hash.slice(0, 12) : '—';
}

/** The verdict's headline: verified, nothing to verify, or which run breaks it. */
export function verdictHeadline(verification: EvidenceVerification): string {
  if (!verification.ok) {
    const broken = verification.connections.find(
      c => c.tamperedRunId === verification.firstTamperedRunId,
    );
    const where = broken
      ? ` (${broken.connectionName}, sealed ${formatDateTime(
          broken.tamperedSealedAt,
        )})`
      : '';
    return `Chain broken at run ${verification.firstTamperedRunId}${where}: ${verification.reason}.`;
  }
  if (verification.checkedRuns === 0)
    return 'No sealed runs yet: nothing to verify.';
  const runs = verification.checkedRuns === 1 ? 'run matches' : 'runs match';
  return `Verified: all ${
    verification.checkedRuns
  } sealed ${runs} their seals and chain${prunedNote(
    verification.prunedRuns,
  )}.`;
}

/** "(3 pruned by policy: manifest and link checked)", or nothing. */
function prunedNote(prunedRuns: number | undefined): string {
  if (!prunedRuns) return '';
  return ` (${prunedRuns} pruned by policy: manifest and link checked, populations no longer stored)`;
}

/** A pruned run's note in the table: why it cannot be downloaded. */
export function prunedLine(prunedAt: string): string {
  return `Pruned by policy on ${formatDateTime(prunedAt)}`;
}

/** One connection's line: how far its chain verifies, and where it breaks. */
export function chainLine(verdict: EvidenceChainVerdict): string {
  const upTo = verdict.lastVerifiedRunId
    ? `verified up to run ${verdict.lastVerifiedRunId} (sealed ${formatDateTime(
        verdict.lastVerifiedSealedAt,
      )})`
    : 'no run verifies';
  if (!verdict.tamperedRunId) {
    const runs = verdict.checkedRuns === 1 ? 'run' : 'runs';
    return `${verdict.connectionName}: ${upTo}, ${
      verdict.checkedRuns
    } ${runs} checked${prunedNote(verdict.prunedRuns)}.`;
  }
  return `${verdict.connectionName}: ${upTo}; run ${verdict.tamperedRunId} breaks the chain: ${verdict.reason}.`;
}

/** Where a run stands after a verification. */
export type RunChainState = 'verified' | 'broken' | 'after_break' | 'unknown';

export function runChainState(
  run: Pick<EvidenceRun, 'runId' | 'connectionId' | 'sealedAt'>,
  verification: EvidenceVerification | undefined,
): RunChainState {
  const verdict = verification?.connections.find(
    c => c.connectionId === run.connectionId,
  );
  if (!verdict) return 'unknown';
  if (verdict.tamperedRunId === run.runId) return 'broken';
  if (
    verdict.lastVerifiedSealedAt &&
    run.sealedAt <= verdict.lastVerifiedSealedAt
  )
    return 'verified';
  return verdict.tamperedRunId ? 'after_break' : 'unknown';
}

/**
 * The instant the backend compares with: the end of the picked day in the
 * user's time zone (a date picked means "in force on that day").
 */
export function endOfPickedDay(date: string): string | undefined {
  const picked = DateTime.fromISO(date);
  return picked.isValid ? picked.endOf('day').toUTC().toISO()! : undefined;
}
