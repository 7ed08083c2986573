import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import type { NotificationsOptions } from '../config/readJumpCloudConfig';
import type { ConnectionRecord } from '../connections/ConnectionsStore';
import { nowIso } from '../database/util';
import type { RunOutcome, RunRecord } from '../runs/RunsStore';
import {
  dataTopic,
  lastingCoverage,
  nextDataMark,
  syncMarkOf,
} from './connectionState';
import type { EntityOwners, FindingEntity } from './EntityOwners';
import { jumpcloudLinks, type JumpCloudLinks } from './links';
import {
  coverageMessage,
  syncProblemMessage,
  syncRecoveredMessage,
  type CoverageChange,
} from './managerMessages';
import { newSevereFindings } from './newSevereFindings';
import { NotificationStateStore } from './NotificationStateStore';
import { batchByOwner, ownerFindingsMessage } from './ownerMessages';

const SYNC_TOPIC = 'sync';
const ownerTopic = (owner: string) => `owner:${owner}`;

export interface SyncNotifierDeps {
  knex: Knex;
  notifications: Pick<NotificationService, 'send'>;
  /** Finds the owners of devices and users (needed for entityOwners). */
  owners: Pick<EntityOwners, 'ownersOf'>;
  options: NotificationsOptions;
  logger: LoggerService;
}

/** One mark a notification stands on, undone if sending it fails. */
interface Move {
  topic: string;
  from: string | undefined;
  to: string;
}

/**
 * Tells people what finished sync runs mean, through Backstage's
 * notifications: the connection's managers when its syncs start failing,
 * its credential stops working or data becomes unreadable (and once when
 * that clears); owners of devices and users about the critical and high
 * findings a sync opened on them (opt-in). Each is claimed in the plugin's
 * database first, so it is told once, by one replica. Never throws: a
 * sync's outcome does not depend on its notifications.
 */
export class SyncNotifier {
  readonly #state: NotificationStateStore;
  readonly #links: JumpCloudLinks;

  constructor(private readonly deps: SyncNotifierDeps) {
    this.#state = new NotificationStateStore(deps.knex);
    this.#links = jumpcloudLinks(deps.options.pagePath);
  }

  async runFinished(finished: {
    run: RunRecord;
    connection: ConnectionRecord;
    outcome: RunOutcome;
  }): Promise<void> {
    if (!this.deps.options.enabled) return;
    const { run, connection, outcome } = finished;
    await this.#guard('sync status', () =>
      this.#syncStatus(run, connection, outcome),
    );
    if (outcome.status === 'failed') return;
    await this.#guard('data coverage', () =>
      this.#coverage(run, connection, outcome),
    );
    // The connection's first applied sync opens every finding there is:
    // that is a baseline for the owners, not news.
    if (
      this.deps.options.entityOwners.enabled &&
      connection.latestCompleteRunId
    )
      await this.#guard('new findings', () =>
        this.#ownerFindings(run, connection),
      );
  }

  async #syncStatus(
    run: RunRecord,
    connection: ConnectionRecord,
    outcome: RunOutcome,
  ) {
    const mark = syncMarkOf(outcome, Boolean(connection.latestCompleteRunId));
    if (!mark) return;
    const current = (await this.#state.marks(connection.id, [SYNC_TOPIC])).get(
      SYNC_TOPIC,
    );
    if (mark === 'ok') {
      if (current !== 'failed' && current !== 'credentials') return;
      await this.#tell(
        connection.id,
        run.id,
        { topic: SYNC_TOPIC, from: current, to: mark },
        this.deps.options.managers,
        syncRecoveredMessage(connection, current, this.#links),
      );
      return;
    }
    if (current === mark) return;
    await this.#tell(
      connection.id,
      run.id,
      { topic: SYNC_TOPIC, from: current, to: mark },
      this.deps.options.managers,
      syncProblemMessage(connection, mark, outcome.error, this.#links),
    );
  }

  async #coverage(
    run: RunRecord,
    connection: ConnectionRecord,
    outcome: RunOutcome,
  ) {
    const items = lastingCoverage(outcome.coverage);
    const marks = await this.#state.marks(
      connection.id,
      items.map(item => dataTopic(item.dataType)),
    );
    const change: CoverageChange = { lost: [], regained: [] };
    const told: Move[] = [];
    for (const { dataType, readable, entry } of items) {
      const topic = dataTopic(dataType);
      const from = marks.get(topic);
      const to = nextDataMark(from, readable);
      if (to === from) continue;
      // Every change is claimed; only these two are news.
      if (!(await this.#state.move(connection.id, topic, from, to, run.id)))
        continue;
      if (to === 'unreadable') change.lost.push({ dataType, entry });
      else if (from === 'unreadable') change.regained.push(dataType);
      else continue;
      told.push({ topic, from, to });
    }
    if (told.length === 0) return;
    await this.#send(
      connection.id,
      told,
      this.deps.options.managers,
      coverageMessage(connection, change, this.#links),
    );
  }

  async #ownerFindings(run: RunRecord, connection: ConnectionRecord) {
    const findings = await newSevereFindings(this.deps.knex, run, nowIso());
    if (findings.length === 0) return;
    const entities: FindingEntity[] = findings.map(finding => ({
      kind: finding.entity_kind as FindingEntity['kind'],
      id: finding.entity_id,
    }));
    const owners = await this.deps.owners.ownersOf(run, entities);
    const batches = batchByOwner(findings, owners);
    const marks = await this.#state.marks(
      connection.id,
      batches.map(batch => ownerTopic(batch.owner)),
    );
    for (const batch of batches) {
      const topic = ownerTopic(batch.owner);
      await this.#tell(
        connection.id,
        run.id,
        { topic, from: marks.get(topic), to: run.id },
        [batch.owner],
        ownerFindingsMessage(connection, run.id, batch, this.#links),
      );
    }
  }

  /** Claims the move, then sends: only the replica that moved the mark does. */
  async #tell(
    connectionId: string,
    runId: string,
    move: Move,
    recipients: string[],
    payload: NotificationPayload,
  ) {
    const { topic, from, to } = move;
    // Otherwise another replica, or an earlier run, told it.
    if (await this.#state.move(connectionId, topic, from, to, runId))
      await this.#send(connectionId, [move], recipients, payload);
  }

  /** Sends a claimed notification; if that fails, gives the claim back. */
  async #send(
    connectionId: string,
    moves: Move[],
    recipients: string[],
    payload: NotificationPayload,
  ) {
    try {
      if (recipients.length === 0) return;
      await this.deps.notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload,
      });
    } catch (error) {
      this.deps.logger.warn(
        `Could not send the JumpCloud notification "${payload.title}" (is @backstage/plugin-notifications-backend installed? jumpcloud.notifications.enabled: false switches them off): ${error}`,
      );
      for (const { topic, from, to } of moves)
        await this.#state.undo(connectionId, topic, from, to);
    }
  }

  async #guard(what: string, task: () => Promise<void>) {
    try {
      await task();
    } catch (error) {
      this.deps.logger.warn(
        `JumpCloud notifications (${what}) failed: ${error}`,
      );
    }
  }
}
