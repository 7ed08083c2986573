import type {
  DataTypeCoverage,
  JumpCloudErrorKind,
  RunCoverage,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { isEssentialDataType } from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { RunOutcome } from '../runs/RunsStore';

// What a finished run says about the things managers are told of: whether
// the connection's syncs work, and which supplementary data types it can
// read. Pure: the notifier compares these with the stored marks.

/** The `sync` topic's marks. */
export type SyncMark = 'ok' | 'failed' | 'credentials';

/**
 * Refusals that mean the credential itself no longer works: the key is
 * revoked or unknown, API access is off, the org is no longer visible, or
 * the role may no longer read devices and users (401/403).
 */
const CREDENTIAL_KINDS: ReadonlySet<JumpCloudErrorKind> = new Set([
  'invalid_key',
  'revoked_key',
  'api_access_disabled',
  'forbidden',
  'unknown_org',
]);

/**
 * What a run says about the connection's syncs: `ok` when it was applied
 * (with or without gaps), `credentials` when a connection that had worked
 * is refused, `failed` for any other failure; undefined for a cancelled run
 * (the backend stopping, or someone cancelling), which says nothing.
 */
export function syncMarkOf(
  outcome: Pick<RunOutcome, 'status' | 'error'>,
  workedBefore: boolean,
): SyncMark | undefined {
  if (outcome.status !== 'failed') return 'ok';
  const kind = outcome.error?.kind;
  if (kind === 'cancelled') return undefined;
  if (workedBefore && kind && CREDENTIAL_KINDS.has(kind)) return 'credentials';
  return 'failed';
}

/** A `data:<type>` topic's marks. */
export type DataMark =
  /** Read completely by the last applied run that said. */
  | 'readable'
  /** Became unreadable after being readable: managers were told. */
  | 'unreadable'
  /** Unreadable since it was first seen (e.g. never in the plan): not news. */
  | 'unreadable-from-start';

/** The topic of a data type's readability. */
export const dataTopic = (dataType: string) => `data:${dataType}`;

/**
 * Each supplementary data type an applied run says something lasting about:
 * readable (complete), or not (402 not in plan, 403 not permitted). A
 * passing failure (5xx, throttling) says nothing: it is the run's gap.
 */
export function lastingCoverage(
  coverage: RunCoverage | undefined,
): Array<{ dataType: string; readable: boolean; entry: DataTypeCoverage }> {
  return Object.entries(coverage ?? {})
    .filter(
      ([dataType, entry]) =>
        !isEssentialDataType(dataType) && entry.state !== 'failed',
    )
    .map(([dataType, entry]) => ({
      dataType,
      readable: entry.state === 'complete',
      entry,
    }));
}

/** The mark a data type moves to from `current`, given what the run read. */
export function nextDataMark(
  current: string | undefined,
  readable: boolean,
): DataMark {
  if (readable) return 'readable';
  if (current === 'readable') return 'unreadable';
  return current === 'unreadable' ? 'unreadable' : 'unreadable-from-start';
}
