import type { ConnectionTestResult } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { createSyncCore, type EngineChoices } from '../createSyncCore';
import { findingsKit } from '../evaluation/__testUtils__/findingsKit';
import type {
  FetchedSnapshot,
  JumpCloudGateway,
} from '../jumpcloud/JumpCloudGateway';

/**
 * Serves prepared fetch results at the gateway seam, so each engine stage
 * (store, evaluate, seal, publish) can be driven precisely; the simulator
 * covers the client end to end in the route tests.
 */
export class FixtureGateway implements JumpCloudGateway {
  next: () => Promise<FetchedSnapshot> = async () => {
    throw new Error('no fixture');
  };
  async test(): Promise<ConnectionTestResult> {
    return {
      ok: true,
      limited: false,
      summary: 'The connection works: everything a sync reads is available.',
      organizations: [],
      multiTenant: false,
      capabilities: {},
      durationMs: 0,
    };
  }
  async fetchSnapshot(
    _t: unknown,
    options: { onProgress?: (t: any, n: number) => void },
  ) {
    options.onProgress?.('systems', 1);
    return this.next();
  }
}

/**
 * The real sync engine over a migrated database, with the real stores and
 * findings service, one saved connection and a fixture gateway.
 */
export async function createSyncEngineHarness(
  knex: Knex,
  options: { batchSize: number; notifier?: EngineChoices['notifier'] },
) {
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const events = mockServices.events.mock();
  const gateway = new FixtureGateway();
  const { connections, runs, snapshots, connectionsService, createEngine } =
    createSyncCore({
      knex,
      gateway,
      events,
      logger,
      encryptionSecret: 'engine-test-secret-engine-test',
      allowedHosts: ['127.0.0.1:9'],
      batchSize: options.batchSize,
    });
  const findings = findingsKit(knex, { logger });
  const engine = createEngine({
    evaluator: findings.evaluation,
    options: { staleAfterMs: 60_000 },
    notifier: options.notifier,
  });
  const created = await connectionsService.create(
    {
      name: 'c',
      apiUrl: 'http://127.0.0.1:9',
      apiKey: 'engine-test-key-1234',
      syncFrequency: 'off',
    },
    'user:default/ada',
  );
  const connection = (await connections.get(created.id))!;
  const syncOnce = async () => {
    const { run } = await engine.requestRun(connection, {
      type: 'manual',
      by: 'user:default/ada',
    });
    await engine.runTask(connection.id, new AbortController().signal);
    return (await runs.get(run.id))!;
  };
  return {
    engine,
    gateway,
    events,
    runs,
    connections,
    connectionsService,
    connection,
    snapshots,
    syncOnce,
    findings,
  };
}
