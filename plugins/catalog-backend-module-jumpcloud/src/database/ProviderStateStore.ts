import {
  type DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { UserIngestionMode } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { NameKind } from '../lib/entities/builtEntities';
import type { AppliedEntity } from '../lib/planning/planMutation';

/**
 * A connection whose snapshot was applied.
 *
 * @public
 */
export interface AppliedConnection {
  connectionId: string;
  connectionName: string;
  runId: string;
  usersMode: UserIngestionMode;
}

const CONNECTIONS = 'jumpcloud_catalog_connections';
const ENTITIES = 'jumpcloud_catalog_entities';
// The module lives in the catalog's database: its own bookkeeping table keeps
// its migrations apart from the catalog's.
const MIGRATIONS_TABLE = 'jumpcloud_catalog__knex_migrations';
const INSERT_BATCH = 200;

/**
 * The provider's memory of what it applied, in the catalog's database.
 *
 * @public
 */
export class ProviderStateStore {
  readonly #knex: Knex;

  static async create(database: DatabaseService): Promise<ProviderStateStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@backstage-jumpcloud/plugin-catalog-backend-module-jumpcloud',
          'migrations',
        ),
        tableName: MIGRATIONS_TABLE,
      });
    }
    return new ProviderStateStore(knex);
  }

  constructor(knex: Knex) {
    this.#knex = knex;
  }

  async listConnections(): Promise<AppliedConnection[]> {
    const rows = await this.#knex(CONNECTIONS).select();
    return rows.map(row => ({
      connectionId: row.connection_id,
      connectionName: row.connection_name,
      runId: row.run_id,
      usersMode: row.users_mode,
    }));
  }

  /** Applied entities of every connection, grouped by connection id. */
  async listEntities(): Promise<Map<string, AppliedEntity[]>> {
    const rows = await this.#knex(ENTITIES)
      .select()
      .orderBy(['connection_id', 'source_key']);
    const result = new Map<string, AppliedEntity[]>();
    for (const row of rows) {
      const list = result.get(row.connection_id) ?? [];
      list.push({
        sourceKey: row.source_key,
        kind: row.kind as NameKind,
        baseName: row.base_name,
        assignedName: row.assigned_name,
        entityRef: row.entity_ref,
        hash: row.hash,
      });
      result.set(row.connection_id, list);
    }
    return result;
  }

  /** Records what is now in the catalog for one connection. */
  async replaceConnection(
    connection: AppliedConnection,
    entities: AppliedEntity[],
  ): Promise<void> {
    await this.#knex.transaction(async tx => {
      await tx(ENTITIES)
        .where('connection_id', connection.connectionId)
        .delete();
      await tx(CONNECTIONS)
        .insert({
          connection_id: connection.connectionId,
          connection_name: connection.connectionName,
          run_id: connection.runId,
          users_mode: connection.usersMode,
          applied_at: new Date(),
        })
        .onConflict('connection_id')
        .merge();
      if (entities.length > 0) {
        await tx.batchInsert(
          ENTITIES,
          entities.map(entity => ({
            connection_id: connection.connectionId,
            source_key: entity.sourceKey,
            kind: entity.kind,
            base_name: entity.baseName,
            assigned_name: entity.assignedName,
            entity_ref: entity.entityRef,
            hash: entity.hash,
          })),
          INSERT_BATCH,
        );
      }
    });
  }

  async deleteConnection(connectionId: string): Promise<void> {
    await this.#knex.transaction(async tx => {
      await tx(ENTITIES).where('connection_id', connectionId).delete();
      await tx(CONNECTIONS).where('connection_id', connectionId).delete();
    });
  }
}
