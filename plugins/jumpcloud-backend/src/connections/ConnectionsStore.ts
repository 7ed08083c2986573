import type {
  ConnectionAuthType,
  JumpCloudRegion,
  SyncFrequency,
  UserIngestionMode,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { parseJson, toBool } from '../database/util';

const TABLE = 'jc_connections';

/** A connection as stored; its secret only in encrypted form. */
export interface ConnectionRecord {
  id: string;
  name: string;
  region: JumpCloudRegion | null;
  apiUrl: string;
  orgId: string | null;
  orgName: string | null;
  /** API key or service account. */
  authType: ConnectionAuthType;
  /** The service account's client ID; null for an API key. */
  clientId: string | null;
  /** The credential's secret (API key or client secret), encrypted. */
  secretEncrypted: string;
  /** Its last 4 characters, the only part ever shown. */
  secretLast4: string;
  syncFrequency: SyncFrequency;
  users: UserIngestionMode;
  enabled: boolean;
  source: 'ui' | 'config';
  statusReason: string | null;
  latestCompleteRunId: string | null;
  createdAt: string;
  updatedAt: string;
}

type Row = {
  id: string;
  name: string;
  region: string | null;
  api_url: string;
  org_id: string | null;
  org_name: string | null;
  auth_type: string;
  client_id: string | null;
  /** The API key or the client secret (see ConnectionRecord). */
  api_key_encrypted: string;
  api_key_last4: string;
  sync_frequency: string;
  users_mode: string;
  enabled: unknown;
  source: string;
  status_reason: string | null;
  latest_complete_run_id: string | null;
  created_at: string;
  updated_at: string;
};

function fromRow(row: Row): ConnectionRecord {
  return {
    id: row.id,
    name: row.name,
    region: (row.region as JumpCloudRegion | null) ?? null,
    apiUrl: row.api_url,
    orgId: row.org_id,
    orgName: row.org_name,
    authType: row.auth_type === 'serviceAccount' ? 'serviceAccount' : 'apiKey',
    clientId: row.client_id ?? null,
    secretEncrypted: row.api_key_encrypted,
    secretLast4: row.api_key_last4,
    syncFrequency: parseJson<SyncFrequency>(row.sync_frequency, 'off'),
    users: row.users_mode === 'link' ? 'link' : 'ingest',
    enabled: toBool(row.enabled),
    source: row.source === 'config' ? 'config' : 'ui',
    statusReason: row.status_reason,
    latestCompleteRunId: row.latest_complete_run_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(record: Partial<ConnectionRecord>): Partial<Row> {
  const row: Partial<Row> = {};
  const set = <K extends keyof Row>(key: K, value: Row[K] | undefined) => {
    if (value !== undefined) row[key] = value;
  };
  set('id', record.id);
  set('name', record.name);
  set('region', record.region);
  set('api_url', record.apiUrl);
  set('org_id', record.orgId);
  set('org_name', record.orgName);
  set('auth_type', record.authType);
  set('client_id', record.clientId);
  set('api_key_encrypted', record.secretEncrypted);
  set('api_key_last4', record.secretLast4);
  set(
    'sync_frequency',
    record.syncFrequency === undefined
      ? undefined
      : JSON.stringify(record.syncFrequency),
  );
  set('users_mode', record.users);
  set('enabled', record.enabled);
  set('source', record.source);
  set('status_reason', record.statusReason);
  set('latest_complete_run_id', record.latestCompleteRunId);
  set('created_at', record.createdAt);
  set('updated_at', record.updatedAt);
  return row;
}

/** Persistence of connections. */
export class ConnectionsStore {
  constructor(private readonly knex: Knex) {}

  async list(): Promise<ConnectionRecord[]> {
    const rows = await this.knex<Row>(TABLE).orderBy('name', 'asc');
    return rows.map(fromRow);
  }

  async get(id: string): Promise<ConnectionRecord | undefined> {
    const row = await this.knex<Row>(TABLE).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async getByName(name: string): Promise<ConnectionRecord | undefined> {
    const row = await this.knex<Row>(TABLE).where({ name }).first();
    return row ? fromRow(row) : undefined;
  }

  async names(): Promise<string[]> {
    const rows = await this.knex<Row>(TABLE).select('name');
    return rows.map(r => r.name);
  }

  async insert(record: ConnectionRecord): Promise<void> {
    await this.knex(TABLE).insert(toRow(record));
  }

  async update(
    id: string,
    patch: Partial<ConnectionRecord>,
    trx: Knex = this.knex,
  ): Promise<void> {
    const row = toRow(patch);
    delete row.id;
    if (Object.keys(row).length > 0) {
      await trx(TABLE).where({ id }).update(row);
    }
  }

  async delete(id: string): Promise<boolean> {
    return (await this.knex(TABLE).where({ id }).delete()) > 0;
  }
}
