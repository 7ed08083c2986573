/* eslint-disable no-console */
// yarn jumpcloud:verify-evidence [--connection <id>] [--config <file>]…
//
// Opens the database the backend is configured with (app-config.yaml, plus
// app-config.local.yaml when present, or the --config files given), then
// recomputes every sealed run's population hashes, manifest hashes and the
// chain, and names the first tampered run. Exit code 0 = intact, 1 = tampered,
// 2 = could not run.
import { DatabaseManager } from '@backstage/backend-defaults/database';
import type {
  LifecycleService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { loadConfig } from '@backstage/config-loader';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EvidenceStore } from '../src/evidence/EvidenceStore';

function args(name: string): string[] {
  const values: string[] = [];
  process.argv.forEach((arg, i) => {
    if (arg === `--${name}` && process.argv[i + 1])
      values.push(process.argv[i + 1]);
  });
  return values;
}

const quietLogger: LoggerService = {
  debug() {},
  info() {},
  warn: message => console.warn(message),
  error: message => console.error(message),
  child: () => quietLogger,
};

async function main() {
  const root = resolve(__dirname, '../../..');
  const files = args('config').map(f => resolve(process.cwd(), f));
  if (files.length === 0) {
    files.push(resolve(root, 'app-config.yaml'));
    if (existsSync(resolve(root, 'app-config.local.yaml')))
      files.push(resolve(root, 'app-config.local.yaml'));
  }
  // The demo keeps SQLite files under .data/sqlite at the repository root.
  process.env.BACKSTAGE_DATA_DIR ??= resolve(root, '.data/sqlite');
  const { appConfigs } = await loadConfig({
    configRoot: root,
    configTargets: files.map(path => ({ path })),
  });
  const config = ConfigReader.fromConfigs(appConfigs);

  const shutdown: Array<() => void | Promise<void>> = [];
  const lifecycle = {
    addStartupHook() {},
    addBeforeShutdownHook() {},
    addShutdownHook(hook: () => void | Promise<void>) {
      shutdown.push(hook);
    },
  } as unknown as LifecycleService;
  const database = DatabaseManager.fromConfig(config).forPlugin('jumpcloud', {
    logger: quietLogger,
    lifecycle,
  });
  const knex = await database.getClient();
  try {
    if (!(await knex.schema.hasTable('jc_evidence_runs'))) {
      console.log(
        'No JumpCloud evidence tables in the configured database: nothing has been sealed yet.',
      );
      return 0;
    }
    const [connection] = args('connection');
    const result = await new EvidenceStore(knex).verify(connection);
    console.log(JSON.stringify(result, null, 2));
    if (result.ok) {
      console.log(
        `OK: ${result.checkedRuns} sealed run(s) match their seals and chain${
          result.prunedRuns
            ? ` (${result.prunedRuns} pruned by policy: manifest and link checked, populations no longer stored)`
            : ''
        }.`,
      );
      return 0;
    }
    console.log(`TAMPERED: run ${result.firstTamperedRunId}: ${result.reason}`);
    return 1;
  } finally {
    await knex.destroy();
    for (const hook of shutdown) await hook();
  }
}

main().then(
  code => process.exit(code),
  error => {
    console.error(
      `verify-evidence failed: ${
        error instanceof Error ? error.message : error
      }`,
    );
    process.exit(2);
  },
);
