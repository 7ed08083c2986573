import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { Knex } from 'knex';
import { ConnectionsService } from './connections/ConnectionsService';
import { ConnectionsStore } from './connections/ConnectionsStore';
import { ConnectionTargets } from './connections/ConnectionTargets';
import { OutboundUrlPolicy } from './connections/OutboundUrlPolicy';
import { SecretBox } from './connections/SecretBox';
import type { JumpCloudGateway } from './jumpcloud/JumpCloudGateway';
import { SignallingHistoryStore } from './signals/SignallingHistoryStore';
import { SyncSignals } from './signals/SyncSignals';
import { RunsStore } from './runs/RunsStore';
import { SnapshotWriter } from './snapshot/SnapshotWriter';
import { InProcessRunExecutor } from './sync/RunPipeline';
import { DEFAULT_SYNC_ENGINE_OPTIONS } from './sync/engineOptions';
import { SyncEngine, type SyncEngineDeps } from './sync/SyncEngine';
import { SignallingRunExecutor } from './signals/SignallingRunExecutor';

export interface SyncCoreDeps {
  knex: Knex;
  gateway: JumpCloudGateway;
  events: EventsService;
  logger: LoggerService;
  /** Encrypts the connections' secrets at rest. */
  encryptionSecret: string;
  /** Hosts a connection may point at besides JumpCloud's own. */
  allowedHosts: string[];
  /** Snapshot rows written per insert. */
  batchSize: number;
  /** Live updates for open browsers (channels in JUMPCLOUD_SIGNAL_CHANNELS); none when absent. */
  signals?: SignalsService;
}

/** Where the engine's runs execute, and its own logger and timing. */
export type EngineChoices = Pick<
  SyncEngineDeps,
  'executor' | 'evaluator' | 'instanceId' | 'options' | 'notifier'
> & { logger?: LoggerService };

/**
 * The stores and connection service a sync runs on, and the engine over
 * them once the caller has chosen where runs execute (the evaluator comes
 * later, from the findings units). The plugin, the sync benchmark and the
 * engine tests build this one graph, so they measure and test what runs.
 */
export function createSyncCore(deps: SyncCoreDeps) {
  const { knex, gateway, events, logger } = deps;
  const connections = new ConnectionsStore(knex);
  const runs = new RunsStore(knex);
  const signals = new SyncSignals(deps.signals, logger);
  const history = new SignallingHistoryStore(knex, signals);
  const snapshots = new SnapshotWriter(knex, deps.batchSize);
  const secretBox = new SecretBox(deps.encryptionSecret);
  const urlPolicy = new OutboundUrlPolicy(deps.allowedHosts);
  const targets = new ConnectionTargets(secretBox, urlPolicy);
  const connectionsService = new ConnectionsService({
    connections,
    runs,
    history,
    snapshots,
    secretBox,
    urlPolicy,
    targets,
    gateway,
    events,
    logger,
    signals,
  });
  const createEngine = (choices: EngineChoices) => {
    const engineLogger = choices.logger ?? logger;
    // The engine's own default, built here so its progress is signalled too.
    const executor =
      choices.executor ??
      new InProcessRunExecutor({
        runs,
        snapshots,
        gateway,
        evaluator: choices.evaluator,
        logger: engineLogger,
        timing: { ...DEFAULT_SYNC_ENGINE_OPTIONS, ...choices.options },
      });
    return new SyncEngine({
      knex,
      connections,
      targets,
      runs,
      history,
      snapshots,
      gateway,
      events,
      ...choices,
      executor: new SignallingRunExecutor(executor, signals),
      logger: engineLogger,
    });
  };
  return {
    connections,
    runs,
    history,
    snapshots,
    connectionsService,
    createEngine,
  };
}
