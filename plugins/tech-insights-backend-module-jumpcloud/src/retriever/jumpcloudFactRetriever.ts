import type {
  FactRetriever,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import {
  findEntityConnection,
  readJumpCloudAnnotations,
  type JumpCloudEntityTarget,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { jumpcloudFactSchema } from './factSchema';
import {
  JumpCloudFactsClient,
  type JumpCloudEntityFacts,
} from './JumpCloudFactsClient';

/**
 * The id of the JumpCloud fact retriever: the key of its
 * `techInsights.factRetrievers` config and the `factIds` of checks.
 *
 * @public
 */
export const JUMPCLOUD_FACT_RETRIEVER_ID = 'jumpcloudFactRetriever';

type Target = {
  target: JumpCloudEntityTarget;
  connectionId: string;
};

const keyOf = (
  connectionId: string,
  t: Pick<JumpCloudEntityTarget, 'kind' | 'jumpcloudId'>,
) => `${connectionId}/${t.kind}/${t.jumpcloudId}`;

/** The kinds the JumpCloud catalog module gives devices and users. */
const KINDS = ['Resource', 'User'];

/**
 * A fact retriever publishing, per catalog entity of a JumpCloud device or
 * user, its disk encryption, MFA enrolment, last contact and failing
 * checks by severity, read from the JumpCloud backend.
 *
 * @public
 */
export function createJumpCloudFactRetriever(options: {
  catalog: CatalogService;
}): FactRetriever {
  return {
    id: JUMPCLOUD_FACT_RETRIEVER_ID,
    version: '0.1.0',
    title: 'JumpCloud',
    description:
      'Disk encryption, MFA enrolment, last contact and failing JumpCloud checks of devices and users',
    entityFilter: [{ kind: KINDS }],
    schema: jumpcloudFactSchema,
    async handler({ auth, discovery, logger }) {
      const { items } = await options.catalog.getEntities(
        {
          filter: KINDS.map(kind => ({ kind })),
          fields: [
            'kind',
            'metadata.namespace',
            'metadata.name',
            'metadata.annotations',
          ],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      const client = new JumpCloudFactsClient({ auth, discovery });
      const connections = await client.connections();
      const targets = items.flatMap(entity => {
        const target = readJumpCloudAnnotations(entity);
        const connection = target && findEntityConnection(target, connections);
        return connection
          ? [{ entity, target, connectionId: connection.id }]
          : [];
      });
      const facts = await readFacts(client, targets);
      const result: TechInsightFact[] = [];
      for (const { entity, target, connectionId } of targets) {
        const found = facts.get(keyOf(connectionId, target));
        if (found)
          result.push({ entity: entityOf(entity), facts: toFacts(found) });
      }
      logger.info(
        `JumpCloud facts for ${result.length} of ${targets.length} JumpCloud entities`,
      );
      return result;
    },
  };
}

/** The facts of every device and user kind a connection has entities of. */
async function readFacts(client: JumpCloudFactsClient, targets: Target[]) {
  const wanted = new Set(
    targets.map(t => `${t.connectionId}/${t.target.kind}`),
  );
  const facts = new Map<string, JumpCloudEntityFacts>();
  for (const pair of wanted) {
    const [connectionId, kind] = pair.split('/') as [string, 'device' | 'user'];
    for await (const item of client.facts(connectionId, kind))
      facts.set(keyOf(connectionId, { kind, jumpcloudId: item.id }), item);
  }
  return facts;
}

function entityOf(entity: Entity) {
  return {
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  };
}

function toFacts(item: JumpCloudEntityFacts): TechInsightFact['facts'] {
  const { critical, high, medium, low } = item.failingChecks;
  const facts: TechInsightFact['facts'] = {
    jumpcloudFailingCritical: critical,
    jumpcloudFailingHigh: high,
    jumpcloudFailingMedium: medium,
    jumpcloudFailingLow: low,
    jumpcloudFailingChecks: critical + high + medium + low,
  };
  // Facts that do not apply, or that JumpCloud did not report, are left out.
  if (item.diskEncrypted !== null)
    facts.jumpcloudDiskEncrypted = item.diskEncrypted;
  if (item.mfaEnrolled !== null) facts.jumpcloudMfaEnrolled = item.mfaEnrolled;
  if (item.lastContact !== null) facts.jumpcloudLastContact = item.lastContact;
  return facts;
}
