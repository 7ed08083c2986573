import type {
  HistoryEntry,
  RiskException,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { randomUUID } from 'node:crypto';

/**
 * The History row of a risk acceptance or its revocation: auditors ask who
 * accepted which risk, why, until when, and who took it back.
 */
export function exceptionHistoryEntry(input: {
  action: 'exception_create' | 'exception_delete';
  exception: RiskException;
  connectionName: string;
  checkTitle: string | undefined;
  actor: string;
  at: string;
}): HistoryEntry {
  const { exception, checkTitle } = input;
  const check = checkTitle
    ? `${exception.checkId} (${checkTitle})`
    : exception.checkId;
  const scope = exception.entityId
    ? `${check} for entity ${exception.entityId}`
    : `${check} for every entity of the connection`;
  const detail =
    input.action === 'exception_create'
      ? `Accepted the risk of ${scope} until ${exception.expiresAt}, owned by ${exception.owner}: ${exception.reason}`
      : `Revoked the risk acceptance of ${scope} (accepted by ${exception.createdBy}, until ${exception.expiresAt})`;
  return {
    id: randomUUID(),
    connectionId: exception.connectionId,
    connectionName: input.connectionName,
    action: input.action,
    actor: input.actor,
    trigger: null,
    status: 'succeeded',
    startedAt: input.at,
    finishedAt: input.at,
    durationMs: 0,
    counts: null,
    error: null,
    stage: null,
    runId: null,
    detail,
  };
}
