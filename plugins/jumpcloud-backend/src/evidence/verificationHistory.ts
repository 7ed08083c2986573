import type {
  EvidenceVerification,
  HistoryEntry,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';

/** The verdict in words: which run breaks which chain, and why. */
export function brokenChainMessage(verification: EvidenceVerification): string {
  const broken = verification.connections.find(
    c => c.tamperedRunId === verification.firstTamperedRunId,
  );
  const where = broken ? ` (${broken.connectionName})` : '';
  return `Run ${verification.firstTamperedRunId}${where} no longer matches its seal: ${verification.reason}`;
}

/**
 * The History row of a verification: who verified, when, and the verdict
 * (failed naming the broken run; its run id is the broken run, or the
 * newest verified one when a single connection's chain holds).
 */
export function verificationHistoryEntry(
  verification: EvidenceVerification,
  connectionId: string | undefined,
  startedAt: DateTime,
): HistoryEntry {
  const single = connectionId
    ? verification.connections.find(c => c.connectionId === connectionId)
    : undefined;
  const finishedAt = verification.verifiedAt;
  return {
    id: randomUUID(),
    connectionId: connectionId ?? null,
    connectionName: single?.connectionName ?? connectionId ?? 'All connections',
    action: 'evidence_verify',
    actor: verification.verifiedBy,
    trigger: null,
    status: verification.ok ? 'succeeded' : 'failed',
    startedAt: startedAt.toUTC().toISO()!,
    finishedAt,
    durationMs: Math.max(0, Date.parse(finishedAt) - startedAt.toMillis()),
    counts: null,
    error: verification.ok
      ? null
      : { kind: 'tampered', message: brokenChainMessage(verification) },
    stage: null,
    runId: verification.ok
      ? single?.lastVerifiedRunId ?? null
      : verification.firstTamperedRunId,
  };
}
