import type { LoggerService } from '@backstage/backend-plugin-api';
import type { InputError } from '@backstage/errors';
import { createHash } from 'node:crypto';
import { isUniqueViolation, nowIso } from '../database/util';
import type { ConfiguredConnection } from './configuredConnection';
import type { ConnectionRecord, ConnectionsStore } from './ConnectionsStore';
import { connectionLocation } from './connectionLocation';
import { last4 } from './credentials';
import type { OutboundUrlPolicy } from './OutboundUrlPolicy';
import type { SecretBox } from './SecretBox';

// Connections declared in app-config.yaml (jumpcloud.connections) are kept
// in the database like the ones made in the UI, so that a sync, History and
// the catalog treat both alike; every replica applies them at startup.

export interface ConfiguredConnectionsDeps {
  connections: ConnectionsStore;
  secretBox: SecretBox;
  urlPolicy: OutboundUrlPolicy;
  logger: LoggerService;
}

/** Deterministic id of a config-declared connection, equal on every replica. */
export function configConnectionId(name: string): string {
  return `cfg-${createHash('sha256').update(name).digest('hex').slice(0, 24)}`;
}

/**
 * Makes the database match jumpcloud.connections: config connections are
 * upserted (secrets re-encrypted) and ones removed from config are deleted
 * with `deleteRecord` (runs and snapshots too).
 */
export async function applyConfiguredConnections(
  deps: ConfiguredConnectionsDeps,
  configured: ConfiguredConnection[],
  deleteRecord: (record: ConnectionRecord) => Promise<void>,
): Promise<void> {
  const wanted = new Set<string>();
  for (const entry of configured) {
    const id = configConnectionId(entry.name);
    wanted.add(id);
    await upsertConfiguredConnection(deps, entry, id);
  }
  for (const record of await deps.connections.list()) {
    if (record.source === 'config' && !wanted.has(record.id)) {
      await deleteRecord(record);
    }
  }
}

/**
 * Inserts or updates one config connection. A UI connection of the same
 * name wins (the config entry is logged and ignored); a changed key clears
 * the status so that the next sync gives a fresh verdict.
 */
async function upsertConfiguredConnection(
  deps: ConfiguredConnectionsDeps,
  entry: ConfiguredConnection,
  id: string,
): Promise<void> {
  let location;
  try {
    location = connectionLocation(deps.urlPolicy, entry);
  } catch (error) {
    throw new Error(
      `jumpcloud.connections "${entry.name}": ${(error as InputError).message}`,
    );
  }
  const existing = await deps.connections.get(id);
  const sameName = await deps.connections.getByName(entry.name);
  if (sameName && sameName.id !== id) {
    deps.logger.error(
      `JumpCloud connection "${entry.name}" from config is ignored: a connection created in the UI has that name`,
    );
    return;
  }
  const now = nowIso();
  const { credential } = entry;
  const secret =
    credential.type === 'apiKey' ? credential.apiKey : credential.clientSecret;
  const clientId =
    credential.type === 'serviceAccount' ? credential.clientId : null;
  const values = {
    name: entry.name,
    ...location,
    orgId: entry.orgId,
    orgName: entry.orgName,
    authType: credential.type,
    clientId,
    secretEncrypted: deps.secretBox.encrypt(secret),
    secretLast4: last4(secret),
    syncFrequency: entry.syncFrequency,
    users: entry.users,
    enabled: entry.enabled,
    source: 'config' as const,
    updatedAt: now,
  };
  if (existing) {
    const keyChanged =
      existing.authType !== credential.type ||
      existing.clientId !== clientId ||
      safeDecrypt(deps.secretBox, existing.secretEncrypted) !== secret;
    await deps.connections.update(id, {
      ...values,
      ...(keyChanged ? { statusReason: null } : {}),
    });
  } else {
    try {
      await deps.connections.insert({
        id,
        ...values,
        statusReason: null,
        latestCompleteRunId: null,
        snapshotRunId: null,
        createdAt: now,
      });
    } catch (error) {
      // Another replica inserted it at the same moment.
      if (!isUniqueViolation(error)) throw error;
    }
  }
}

/** The stored secret, or undefined when it no longer decrypts (a rotated box key): then it changed. */
function safeDecrypt(secretBox: SecretBox, sealed: string): string | undefined {
  try {
    return secretBox.decrypt(sealed);
  } catch {
    return undefined;
  }
}
