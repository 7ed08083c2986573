import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import type { Knex } from 'knex';
import type { ConnectionRecord } from '../connections/ConnectionsStore';
import { refreshPlannerStatistics } from '../database/plannerStatistics';
import type { RunsStore } from '../runs/RunsStore';
import type { SnapshotWriter } from '../snapshot/SnapshotWriter';
import { pruneSnapshots } from './pruneSnapshots';
import { publishSyncCompleted } from './publishSyncCompleted';

/**
 * What follows a run's apply: the catalog module is told, older snapshots
 * are pruned and the planner's statistics refreshed. Says how long the
 * last two took, for the sync's log line (they count in the sync's time).
 */
export async function afterApplied(
  deps: {
    events: EventsService;
    snapshots: SnapshotWriter;
    runs: RunsStore;
    knex: Knex;
  },
  connection: ConnectionRecord,
  runId: string,
  logger: LoggerService,
): Promise<string> {
  await publishSyncCompleted(deps.events, connection, runId, logger);
  const took = [Date.now()];
  await pruneSnapshots(deps, connection, runId, logger);
  took.push(Date.now());
  await refreshPlannerStatistics(deps.knex, logger);
  took.push(Date.now());
  return `older snapshots pruned in ${
    took[1] - took[0]
  } ms, planner statistics in ${took[2] - took[1]} ms`;
}
