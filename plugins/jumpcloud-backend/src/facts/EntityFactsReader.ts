import type {
  EntityPosture,
  Severity,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { EntityPostureService } from '../posture/EntityPostureService';
import type { AssetsReader } from '../snapshot/AssetsReader';
import {
  snapshotScope,
  type AppliedConnections,
} from '../snapshot/snapshotScope';

/** The severities scorecards count failing checks by. */
export const FACT_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** What a scorecard needs of one device or user (GET /facts item). */
export interface EntityFacts {
  kind: 'device' | 'user';
  /** The JumpCloud id: the entity's system-id or user-id annotation. */
  id: string;
  name: string;
  /** Devices: full-disk encryption on (null: JumpCloud did not say); users: null. */
  diskEncrypted: boolean | null;
  /** Users: enrolled in MFA; devices: null. */
  mfaEnrolled: boolean | null;
  /** Devices: when the agent last contacted JumpCloud; users: null. */
  lastContact: string | null;
  /** Checks failing now (risk-accepted ones are not), by severity. */
  failingChecks: Record<(typeof FACT_SEVERITIES)[number], number>;
}

export interface EntityFactsPage {
  connectionId: string;
  /** The run the facts come from; null before the first complete sync. */
  runId: string | null;
  items: EntityFacts[];
  totalCount: number;
}

/**
 * Devices or users of a connection's latest complete snapshot with their
 * check results as of now, a page at a time: Tech Insights' facts.
 */
export class EntityFactsReader {
  constructor(
    private readonly deps: {
      connections: AppliedConnections;
      assets: Pick<AssetsReader, 'devices' | 'users'>;
      entityPosture: Pick<EntityPostureService, 'readMany'>;
    },
  ) {}

  async page(query: {
    connectionId: string;
    kind: 'device' | 'user';
    limit: number;
    offset: number;
  }): Promise<EntityFactsPage> {
    const { connectionId, kind, limit, offset } = query;
    const scope = await snapshotScope(this.deps.connections, connectionId);
    if (scope.length === 0) {
      return { connectionId, runId: null, items: [], totalCount: 0 };
    }
    const page = { order: 'asc' as const, limit, offset };
    const assets =
      kind === 'device'
        ? await this.deps.assets.devices(scope, page)
        : await this.deps.assets.users(scope, page);
    const postures = new Map(
      (
        await this.deps.entityPosture.readMany(
          connectionId,
          assets.items.map(a => a.id),
        )
      ).map(p => [p.entityId, p]),
    );
    const items = assets.items.map(asset => {
      const failingChecks = failingBySeverity(postures.get(asset.id));
      return 'hostname' in asset
        ? {
            kind: 'device' as const,
            id: asset.id,
            name: asset.displayName || asset.hostname,
            diskEncrypted: asset.fdeActive,
            mfaEnrolled: null,
            lastContact: asset.lastContact,
            failingChecks,
          }
        : {
            kind: 'user' as const,
            id: asset.id,
            name: asset.username,
            diskEncrypted: null,
            mfaEnrolled: asset.mfaEnrolled,
            lastContact: null,
            failingChecks,
          };
    });
    // The run the facts are of (scope's runId labels the rows it applied).
    const connection = await this.deps.connections.get(connectionId);
    return {
      connectionId,
      runId: connection?.latestCompleteRunId ?? null,
      items,
      totalCount: assets.totalCount,
    };
  }
}

function failingBySeverity(
  posture: EntityPosture | undefined,
): EntityFacts['failingChecks'] {
  const counts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const result of posture?.results ?? []) {
    if (result.status === 'fail' && result.severity in counts)
      counts[result.severity as Exclude<Severity, 'info'>]++;
  }
  return counts;
}
