import {
  COVERAGE_STATE_LABELS,
  dataTypeLabel,
  type DataTypeCoverage,
  type ErrorDetail,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import type { ConnectionRecord } from '../connections/ConnectionsStore';
import { describeError } from '../jumpcloud/errorDetail';
import type { SyncMark } from './connectionState';
import type { JumpCloudLinks } from './links';

// What a connection's managers read: the sync failing, the credential
// refused, data becoming unreadable, and each of them clearing. A problem
// and its recovery share a scope, so the recovery updates the problem's
// notification in place instead of adding one.

/** The notifications' topic, which each user can mute in their settings. */
export const CONNECTIONS_TOPIC = 'jumpcloud-connections';

export type NotifiedConnection = Pick<
  ConnectionRecord,
  'id' | 'name' | 'authType' | 'source'
>;

const syncScope = (connection: NotifiedConnection) =>
  `jumpcloud:connection:${connection.id}:sync`;
const dataScope = (connection: NotifiedConnection) =>
  `jumpcloud:connection:${connection.id}:data`;

const credentialOf = (connection: NotifiedConnection) =>
  connection.authType === 'serviceAccount' ? 'service account' : 'API key';

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** A sync that failed, or a credential that stopped working. */
export function syncProblemMessage(
  connection: NotifiedConnection,
  mark: Exclude<SyncMark, 'ok'>,
  error: ErrorDetail | null,
  links: JumpCloudLinks,
): NotificationPayload {
  const why = sentence(
    error ? describeError(error) : 'The sync did not finish',
  );
  const base = {
    topic: CONNECTIONS_TOPIC,
    scope: syncScope(connection),
    metadata: { connectionId: connection.id, problem: mark },
  };
  if (mark === 'credentials') {
    const credential = credentialOf(connection);
    const fix =
      connection.source === 'config'
        ? `replace it in the app configuration (jumpcloud.connections)`
        : `edit the connection on the Connections tab and give it a working ${credential}`;
    return {
      ...base,
      title: `JumpCloud connection ${connection.name}: the ${credential} stopped working`,
      description: `${why} Every sync fails until you ${fix}; devices, users and findings stay as the last applied sync left them.`,
      link: links.connections(),
      severity: 'critical',
    };
  }
  return {
    ...base,
    title: `JumpCloud connection ${connection.name}: sync failed`,
    description: `${why} Devices, users and findings stay as the last applied sync left them. You will be told once when a sync succeeds again.`,
    link: links.history(),
    severity: 'high',
  };
}

/** The first applied sync after a problem. */
export function syncRecoveredMessage(
  connection: NotifiedConnection,
  problem: Exclude<SyncMark, 'ok'>,
  links: JumpCloudLinks,
): NotificationPayload {
  return {
    topic: CONNECTIONS_TOPIC,
    scope: syncScope(connection),
    metadata: { connectionId: connection.id, problem: null },
    title: `JumpCloud connection ${connection.name}: syncing again`,
    description:
      problem === 'credentials'
        ? `The ${credentialOf(
            connection,
          )} works again: the last sync was applied.`
        : 'The last sync was applied: devices, users and findings are up to date again.',
    link: links.history(),
    severity: 'normal',
  };
}

export interface CoverageChange {
  /** Readable before, not any more (402 not in plan, 403 not permitted). */
  lost: Array<{ dataType: string; entry: DataTypeCoverage }>;
  /** Readable again after managers were told it was not. */
  regained: string[];
}

const labels = (dataTypes: string[]) => dataTypes.map(dataTypeLabel).join(', ');

/** Data types that became unreadable, or readable again. */
export function coverageMessage(
  connection: NotifiedConnection,
  change: CoverageChange,
  links: JumpCloudLinks,
): NotificationPayload {
  const base = {
    topic: CONNECTIONS_TOPIC,
    scope: dataScope(connection),
    link: links.connections(),
    metadata: {
      connectionId: connection.id,
      unreadable: change.lost.map(lost => lost.dataType),
      readableAgain: change.regained,
    },
  };
  const again =
    change.regained.length > 0
      ? ` Readable again: ${labels(change.regained)}.`
      : '';
  if (change.lost.length === 0) {
    return {
      ...base,
      title: `JumpCloud connection ${connection.name}: ${labels(
        change.regained,
      )} readable again`,
      description: `The last sync read ${labels(
        change.regained,
      )} again; the checks that need it are evaluated again.`,
      severity: 'normal',
    };
  }
  const reasons = change.lost
    .map(
      ({ dataType, entry }) =>
        `${dataTypeLabel(dataType)}: ${COVERAGE_STATE_LABELS[entry.state]}${
          entry.error ? ` (${describeError(entry.error)})` : ''
        }`,
    )
    .join('; ');
  return {
    ...base,
    title: `JumpCloud connection ${connection.name}: ${labels(
      change.lost.map(lost => lost.dataType),
    )} no longer readable`,
    description: `${sentence(
      reasons,
    )} Checks that need it are not evaluated, and their findings stay as they were, until it can be read again.${again}`,
    severity: 'normal',
  };
}
