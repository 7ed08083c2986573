import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import { entityKey } from './EntityOwners';
import type { JumpCloudLinks } from './links';
import type { NewSevereFinding } from './newSevereFindings';

// What the owner of devices and users reads about the critical and high
// findings one sync opened on them: one notification per owner per sync,
// with the counts and a link to the findings page filtered to their assets.

/** The notifications' topic, which each user can mute in their settings. */
export const FINDINGS_TOPIC = 'jumpcloud-findings';

/** Check titles a notification names, at most. */
const NAMED_CHECKS = 3;

/** One owner's share of a run's new findings. */
export interface OwnerBatch {
  owner: string;
  findings: NewSevereFinding[];
}

/** The run's new findings per owner of their entity; unowned ones are left out. */
export function batchByOwner(
  findings: NewSevereFinding[],
  owners: ReadonlyMap<string, string>,
): OwnerBatch[] {
  const batches = new Map<string, NewSevereFinding[]>();
  for (const finding of findings) {
    const owner = owners.get(
      entityKey({
        kind: finding.entity_kind as 'device' | 'user',
        id: finding.entity_id,
      }),
    );
    if (!owner) continue;
    const list = batches.get(owner) ?? [];
    list.push(finding);
    batches.set(owner, list);
  }
  return [...batches].map(([owner, list]) => ({ owner, findings: list }));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function listed(names: string[]): string {
  return names.length <= NAMED_CHECKS
    ? names.join(', ')
    : `${names.slice(0, NAMED_CHECKS).join(', ')} and ${
        names.length - NAMED_CHECKS
      } more`;
}

/** The notification of one owner's batch. */
export function ownerFindingsMessage(
  connection: { id: string; name: string },
  runId: string,
  batch: OwnerBatch,
  links: JumpCloudLinks,
): NotificationPayload {
  const critical = batch.findings.filter(f => f.severity === 'critical');
  const high = batch.findings.length - critical.length;
  const entities = new Map(
    batch.findings.map(f => [f.entity_id, f.entity_name]),
  );
  const counts = [
    critical.length > 0 ? `${critical.length} critical` : '',
    high > 0 ? `${high} high` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const where =
    entities.size === 1
      ? [...entities.values()][0]
      : plural(entities.size, 'asset');
  const checks = [...new Set(batch.findings.map(f => f.check_title))].sort();
  const total = batch.findings.length;
  let kind = 'critical and high';
  if (high === 0) kind = 'critical';
  else if (critical.length === 0) kind = 'high';
  return {
    // "JumpCloud: 2 new high findings on laptop-ada"
    title: `JumpCloud: ${total} new ${kind} ${
      total === 1 ? 'finding' : 'findings'
    } on ${where}`,
    description: `The last sync of ${
      connection.name
    } found ${counts} on ${listed([...entities.values()].sort())}: ${listed(
      checks,
    )}.`,
    link: links.findings({
      connectionId: connection.id,
      status: 'open',
      entityIds: [...entities.keys()],
    }),
    severity: critical.length > 0 ? 'critical' : 'high',
    topic: FINDINGS_TOPIC,
    scope: `jumpcloud:connection:${connection.id}:findings:${runId}:${batch.owner}`,
    metadata: {
      connectionId: connection.id,
      runId,
      critical: critical.length,
      high,
    },
  };
}
