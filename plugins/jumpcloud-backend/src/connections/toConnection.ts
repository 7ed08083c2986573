import type {
  Connection,
  ConnectionStatus,
  RunCoverage,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { ConnectionRecord } from './ConnectionsStore';
import type { RunRecord } from '../runs/RunsStore';

function statusOf(
  record: ConnectionRecord,
  lastRun: RunRecord | undefined,
): ConnectionStatus {
  if (!record.enabled) return 'disabled';
  if (lastRun?.status === 'running') return 'syncing';
  if (record.statusReason) return 'needs_attention';
  if (!lastRun) return 'never_synced';
  return 'healthy';
}

/** The API view of a connection: its secret only by its last 4 characters. */
export function toConnection(
  record: ConnectionRecord,
  lastRun: RunRecord | undefined,
  appliedCoverage?: RunCoverage,
): Connection {
  return {
    id: record.id,
    name: record.name,
    region: record.region,
    apiUrl: record.apiUrl,
    orgId: record.orgId,
    orgName: record.orgName,
    authType: record.authType,
    // Secrets only by their last 4 characters, each under its own name.
    apiKeyLast4: record.authType === 'apiKey' ? record.secretLast4 : null,
    clientId: record.authType === 'serviceAccount' ? record.clientId : null,
    clientSecretLast4:
      record.authType === 'serviceAccount' ? record.secretLast4 : null,
    syncFrequency: record.syncFrequency,
    users: record.users,
    enabled: record.enabled,
    source: record.source,
    status: statusOf(record, lastRun),
    statusReason: record.statusReason,
    lastRun: lastRun
      ? {
          id: lastRun.id,
          connectionId: lastRun.connectionId,
          status: lastRun.status,
          trigger: lastRun.trigger,
          startedAt: lastRun.startedAt,
          finishedAt: lastRun.finishedAt,
          durationMs: lastRun.durationMs,
        }
      : null,
    latestCompleteRunId: record.latestCompleteRunId,
    coverage: record.latestCompleteRunId ? appliedCoverage ?? {} : null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
