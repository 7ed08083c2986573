import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@backstage-jumpcloud/plugin-jumpcloud-backend',
  'migrations',
);

/** Runs the package's migrations (core and checks) on the plugin database. */
export async function migrateDatabase(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}

/** The plugin's knex client, migrated unless migrations are skipped. */
export async function getMigratedClient(
  database: DatabaseService,
): Promise<Knex> {
  const knex = await database.getClient();
  if (!database.migrations?.skip) {
    await migrateDatabase(knex);
  }
  return knex;
}
