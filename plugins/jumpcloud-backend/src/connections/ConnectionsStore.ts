import type {
  Connection,
  JumpCloudRegion,
  SyncFrequency,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Knex } from 'knex';
import { parseJson, toBool } from '../database/util';

const TABLE = 'jc_connections';

/** A connection as stored; its secret only in encrypted form. */
export interface ConnectionRecord
  extends Pick<
    Connection,
    | 'id'
    | 'name'
    | 'region'
    | 'apiUrl'
    | 'orgId'
    | 'orgName'
    | 'authType'
    | 'clientId'
    | 'syncFrequency'
    | 'users'
    | 'enabled'
    | 'source'
    | 'statusReason'
    | 'latestCompleteRunId'
    | 'createdAt'
    | 'updatedAt'
  > {
  /** The credential's secret (API key or client secret), encrypted. */
  secretEncrypted: string;
  /** Its last 4 characters, the only part ever shown. */
  secretLast4: string;
  /**
   * The label of the connection's applied snapshot rows (see RunDelta):
   * its first applied run's id, kept while later runs apply their changes.
   */
  snapshotRunId: string | null;
}

/** Where each field of a record is stored: one list for writing patches. */
const COLUMN_OF = {
  id: 'id',
  name: 'name',
  region: 'region',
  apiUrl: 'api_url',
  orgId: 'org_id',
  orgName: 'org_name',
  authType: 'auth_type',
  clientId: 'client_id',
  secretEncrypted: 'api_key_encrypted',
  secretLast4: 'api_key_last4',
  syncFrequency: 'sync_frequency',
  users: 'users_mode',
  enabled: 'enabled',
  source: 'source',
  statusReason: 'status_reason',
  latestCompleteRunId: 'latest_complete_run_id',
  snapshotRunId: 'snapshot_run_id',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const satisfies Record<keyof ConnectionRecord, string>;

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
  snapshot_run_id: string | null;
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
    snapshotRunId: row.snapshot_run_id ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The columns of the fields the record or patch sets (undefined = unchanged). */
function toRow(record: Partial<ConnectionRecord>): Partial<Row> {
  const row: Record<string, unknown> = {};
  for (const field of Object.keys(COLUMN_OF) as Array<keyof ConnectionRecord>) {
    const value = record[field];
    if (value === undefined) continue;
    row[COLUMN_OF[field]] =
      field === 'syncFrequency' ? JSON.stringify(value) : value;
  }
  return row as Partial<Row>;
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
