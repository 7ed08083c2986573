import {
  JUMPCLOUD_CONNECTION_CHANGED_TOPIC,
  JUMPCLOUD_CONNECTION_DELETED_TOPIC,
  type ConnectionEventPayload,
  type Connection,
  type ConnectionTestResult,
  type HistoryAction,
  type HistoryEntry,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { fieldError } from '../http/validation';
import type { EventsService } from '@backstage/plugin-events-node';
import { randomUUID } from 'node:crypto';
import type { ConfiguredConnection } from './configuredConnection';
import type { ConnectionRecord, ConnectionsStore } from './ConnectionsStore';
import type { HistoryStore } from '../runs/HistoryStore';
import type { RunsStore } from '../runs/RunsStore';
import type { SnapshotWriter } from '../snapshot/SnapshotWriter';
import { isUniqueViolation, nowIso } from '../database/util';
import type { SecretBox } from './SecretBox';
import type { ConnectionTargets } from './ConnectionTargets';
import { toErrorDetail } from '../jumpcloud/errorDetail';
import type {
  JumpCloudGateway,
  JumpCloudTarget,
} from '../jumpcloud/JumpCloudGateway';
import type { OutboundUrlPolicy } from './OutboundUrlPolicy';
import { applyConfiguredConnections } from './applyConfiguredConnections';
import {
  checkedConnectionLocation,
  type LocationInput,
} from './connectionLocation';
import type { ParsedConnectionInput } from './connectionInputSchema';
import { chooseCredential, last4, toCredential } from './credentials';
import { toConnection } from './toConnection';

export interface ConnectionsServiceDeps {
  connections: ConnectionsStore;
  runs: RunsStore;
  history: HistoryStore;
  snapshots: SnapshotWriter;
  secretBox: SecretBox;
  urlPolicy: OutboundUrlPolicy;
  targets: ConnectionTargets;
  gateway: JumpCloudGateway;
  events: EventsService;
  logger: LoggerService;
  /** Tells open browsers a connection changed (SyncSignals). */
  signals?: {
    connectionChanged(
      connectionId: string,
      change: 'changed' | 'deleted',
    ): void;
  };
}

/** Connections: CRUD, Test Connection, key rotation, and their history. */
export class ConnectionsService {
  constructor(private readonly deps: ConnectionsServiceDeps) {}

  async list(): Promise<Connection[]> {
    const [records, lastRuns] = await Promise.all([
      this.deps.connections.list(),
      this.deps.runs.lastRuns(),
    ]);
    const coverage = await this.deps.runs.coverageOf(
      records.map(r => r.latestCompleteRunId ?? ''),
    );
    return records.map(r =>
      toConnection(
        r,
        lastRuns.get(r.id),
        coverage.get(r.latestCompleteRunId ?? ''),
      ),
    );
  }

  async get(id: string): Promise<Connection> {
    const record = await this.getRecord(id);
    const lastRuns = await this.deps.runs.lastRuns();
    const coverage = await this.deps.runs.coverageOf([
      record.latestCompleteRunId ?? '',
    ]);
    return toConnection(
      record,
      lastRuns.get(id),
      coverage.get(record.latestCompleteRunId ?? ''),
    );
  }

  async getRecord(id: string): Promise<ConnectionRecord> {
    const record = await this.deps.connections.get(id);
    if (!record) {
      throw new NotFoundError(`No JumpCloud connection with id ${id}`);
    }
    return record;
  }

  async create(
    input: ParsedConnectionInput,
    actor: string,
  ): Promise<Connection> {
    const credential = chooseCredential(input)!;
    const secret = credential.secret!;
    const name = input.name ?? (await this.#defaultName());
    await this.#assertNameFree(name);
    const location = await this.#location(input);
    const now = nowIso();
    const record: ConnectionRecord = {
      id: randomUUID(),
      name,
      ...location,
      orgId: input.orgId ?? null,
      orgName: input.orgName ?? null,
      authType: credential.authType,
      clientId: credential.clientId,
      secretEncrypted: this.deps.secretBox.encrypt(secret),
      secretLast4: last4(secret),
      syncFrequency: input.syncFrequency ?? 'daily',
      users: input.users ?? 'ingest',
      enabled: input.enabled ?? true,
      source: 'ui',
      statusReason: null,
      latestCompleteRunId: null,
      snapshotRunId: null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.deps.connections.insert(record);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken();
      throw error;
    }
    await this.#record(record, 'create', actor, 'succeeded');
    await this.#announce(JUMPCLOUD_CONNECTION_CHANGED_TOPIC, record);
    return toConnection(record, undefined);
  }

  async update(
    id: string,
    input: ParsedConnectionInput,
    actor: string,
  ): Promise<Connection> {
    const current = await this.getRecord(id);
    assertEditable(current);
    // Checked first: a missing secret must not leave half an update behind.
    const credential = chooseCredential(input, current);
    const patch: Partial<ConnectionRecord> = { updatedAt: nowIso() };
    if (input.name !== undefined && input.name !== current.name) {
      await this.#assertNameFree(input.name);
      patch.name = input.name;
    }
    if (input.apiUrl !== undefined || input.region !== undefined) {
      Object.assign(patch, await this.#location(input));
    }
    if (input.orgId !== undefined) patch.orgId = input.orgId;
    if (input.orgName !== undefined) patch.orgName = input.orgName;
    if (input.syncFrequency !== undefined)
      patch.syncFrequency = input.syncFrequency;
    if (input.users !== undefined) patch.users = input.users;
    if (input.enabled !== undefined) patch.enabled = input.enabled;
    const rotated = credential !== undefined;
    if (credential) {
      patch.authType = credential.authType;
      patch.clientId = credential.clientId;
      if (credential.secret !== undefined) {
        patch.secretEncrypted = this.deps.secretBox.encrypt(credential.secret);
        patch.secretLast4 = last4(credential.secret);
      }
    }
    if (rotated || patch.apiUrl !== undefined || patch.orgId !== undefined) {
      // New credentials, host or org deserve a fresh verdict from the next sync.
      patch.statusReason = null;
    }
    try {
      await this.deps.connections.update(id, patch);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken();
      throw error;
    }
    const updated = await this.getRecord(id);
    await this.#record(
      updated,
      rotated ? 'rotate_key' : 'update',
      actor,
      'succeeded',
    );
    await this.#announce(JUMPCLOUD_CONNECTION_CHANGED_TOPIC, updated);
    return this.get(id);
  }

  async delete(id: string, actor: string): Promise<void> {
    const current = await this.getRecord(id);
    assertEditable(current);
    await this.deleteRecord(current, actor);
  }

  /** Deletes a connection with its runs and snapshots (history stays). */
  async deleteRecord(current: ConnectionRecord, actor: string): Promise<void> {
    await this.deps.connections.delete(current.id);
    const runIds = await this.deps.snapshots.storedRunIds(current.id);
    for (const runId of runIds) await this.deps.snapshots.deleteRun(runId);
    await this.deps.runs.deleteForConnection(current.id);
    await this.#record(current, 'delete', actor, 'succeeded');
    await this.#announce(JUMPCLOUD_CONNECTION_DELETED_TOPIC, current);
  }

  /**
   * Tells the schedules (and the catalog, for deletions) on every replica
   * that a connection changed; each reads the connection again itself.
   */
  async #announce(topic: string, record: ConnectionRecord) {
    const eventPayload: ConnectionEventPayload = {
      connectionId: record.id,
      connectionName: record.name,
    };
    await this.deps.events.publish({ topic, eventPayload });
    this.deps.signals?.connectionChanged(
      record.id,
      topic === JUMPCLOUD_CONNECTION_DELETED_TOPIC ? 'deleted' : 'changed',
    );
  }

  /**
   * Makes the database match jumpcloud.connections: config connections are
   * upserted (secrets re-encrypted) and ones removed from config are deleted.
   */
  async applyConfiguredConnections(
    configured: ConfiguredConnection[],
  ): Promise<void> {
    await applyConfiguredConnections(this.deps, configured, record =>
      this.deleteRecord(record, 'config'),
    );
  }

  /** API URL (normalised, allow-listed, resolved) and region from the input. */
  #location(input: LocationInput) {
    return checkedConnectionLocation(this.deps.urlPolicy, input);
  }

  /** Test Connection with unsaved values from the form. */
  async testUnsaved(
    input: ParsedConnectionInput,
    actor: string,
  ): Promise<ConnectionTestResult> {
    const credential = chooseCredential(input)!;
    const location = await this.#location(input);
    const target: JumpCloudTarget = {
      apiUrl: location.apiUrl,
      region: location.region,
      credential: toCredential(credential, () => ''),
      orgId: input.orgId ?? null,
    };
    return this.#test(
      target,
      null,
      input.name ?? '(unsaved connection)',
      actor,
    );
  }

  /** Test Connection of a saved connection, optionally with edited values. */
  async testSaved(
    id: string,
    overrides: ParsedConnectionInput,
    actor: string,
  ): Promise<ConnectionTestResult> {
    const record = await this.getRecord(id);
    const target = await this.deps.targets.target(record);
    if (overrides.apiUrl !== undefined || overrides.region !== undefined) {
      const location = await this.#location(overrides);
      target.apiUrl = location.apiUrl;
      target.region = location.region;
    }
    if (overrides.orgId !== undefined) target.orgId = overrides.orgId;
    const credential = chooseCredential(overrides, record);
    if (credential) {
      target.credential = toCredential(credential, () =>
        this.deps.secretBox.decrypt(record.secretEncrypted),
      );
    }
    return this.#test(target, record.id, record.name, actor);
  }

  async #test(
    target: JumpCloudTarget,
    connectionId: string | null,
    connectionName: string,
    actor: string,
  ): Promise<ConnectionTestResult> {
    const startedAt = nowIso();
    let result: ConnectionTestResult;
    try {
      result = await this.deps.gateway.test(target);
    } catch (error) {
      const detail = toErrorDetail(error, 'unreachable');
      result = {
        ok: false,
        limited: false,
        summary: detail.message,
        error: detail,
        organizations: [],
        multiTenant: false,
        capabilities: {},
        durationMs: Date.now() - Date.parse(startedAt),
      };
    }
    const finishedAt = nowIso();
    await this.deps.history.insert({
      id: randomUUID(),
      connectionId,
      connectionName,
      action: 'test',
      actor,
      trigger: null,
      status: result.ok ? 'succeeded' : 'failed',
      startedAt,
      finishedAt,
      durationMs: Date.parse(finishedAt) - Date.parse(startedAt),
      counts: null,
      error: result.error ?? null,
      stage: null,
      runId: null,
    });
    return result;
  }

  async #record(
    record: ConnectionRecord,
    action: HistoryAction,
    actor: string,
    status: HistoryEntry['status'],
  ) {
    const now = nowIso();
    await this.deps.history.insert({
      id: randomUUID(),
      connectionId: record.id,
      connectionName: record.name,
      action,
      actor,
      trigger: null,
      status,
      startedAt: now,
      finishedAt: now,
      durationMs: 0,
      counts: null,
      error: null,
      stage: null,
      runId: null,
    });
  }

  async #defaultName(): Promise<string> {
    const names = new Set(await this.deps.connections.names());
    let n = 1;
    while (names.has(`Connection ${n}`)) n += 1;
    return `Connection ${n}`;
  }

  async #assertNameFree(name: string) {
    if (await this.deps.connections.getByName(name)) throw nameTaken();
  }
}

function assertEditable(record: ConnectionRecord) {
  if (record.source === 'config') {
    throw new ConflictError(
      `Connection "${record.name}" is declared in app-config.yaml and is read-only here; change it in the configuration`,
    );
  }
}

function nameTaken() {
  return fieldError('name', 'is already used by another connection');
}
