import {
  ANNOTATION_JUMPCLOUD_CONNECTION_ID,
  ANNOTATION_JUMPCLOUD_SYSTEM_ID,
  ANNOTATION_JUMPCLOUD_USER_ID,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { Knex } from 'knex';

/** Ids per catalog query (each becomes a filter value). */
const CHUNK = 100;

type CatalogEntity = Awaited<
  ReturnType<CatalogService['getEntities']>
>['items'][number];

/** A device or user, as findings name it. */
export interface FindingEntity {
  kind: 'device' | 'user';
  id: string;
}

export const entityKey = (entity: FindingEntity) =>
  `${entity.kind}:${entity.id}`;

function refOf(entity: CatalogEntity): string {
  const namespace = entity.metadata.namespace ?? 'default';
  return `${entity.kind.toLowerCase()}:${namespace}/${entity.metadata.name}`;
}

/** The owner the catalog resolved (ownedBy), else `spec.owner` as written. */
function ownerOf(entity: CatalogEntity): string | undefined {
  const relation = entity.relations?.find(r => r.type === 'ownedBy');
  if (relation) return relation.targetRef;
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  return typeof owner === 'string' ? owner : undefined;
}

/**
 * Who owns the catalog entity of a device or user, as the catalog module
 * built it (transformers may have renamed it or set its owner): a device's
 * `spec.owner`, a user's own User entity. Entities are found by their
 * JumpCloud id and connection annotations. A device the catalog does not
 * have yet (first seen by this sync) is owned by its JumpCloud primary
 * user's entity, as the catalog module will build it.
 */
export class EntityOwners {
  constructor(
    private readonly deps: {
      catalog: Pick<CatalogService, 'getEntities'>;
      auth: Pick<AuthService, 'getOwnServiceCredentials'>;
      knex: Knex;
    },
  ) {}

  /** Owner entity refs by entityKey; entities without a known owner are left out. */
  async ownersOf(
    run: { id: string; connectionId: string },
    entities: FindingEntity[],
  ): Promise<Map<string, string>> {
    const owners = new Map<string, string>();
    const deviceIds = unique(entities, 'device');
    const devices = await this.#find(
      run.connectionId,
      'resource',
      ANNOTATION_JUMPCLOUD_SYSTEM_ID,
      deviceIds,
    );
    const unknownDevices = deviceIds.filter(id => !devices.has(id));
    const primaryUsers = await this.#primaryUsers(run, unknownDevices);
    const users = await this.#find(
      run.connectionId,
      'user',
      ANNOTATION_JUMPCLOUD_USER_ID,
      [...new Set([...unique(entities, 'user'), ...primaryUsers.values()])],
    );
    for (const id of deviceIds) {
      const device = devices.get(id);
      const user = users.get(primaryUsers.get(id) ?? '');
      const owner = device ? ownerOf(device) : user && refOf(user);
      if (owner) owners.set(entityKey({ kind: 'device', id }), owner);
    }
    for (const id of unique(entities, 'user')) {
      const user = users.get(id);
      if (user) owners.set(entityKey({ kind: 'user', id }), refOf(user));
    }
    return owners;
  }

  /** The connection's entities of a kind with these JumpCloud ids, by id. */
  async #find(
    connectionId: string,
    kind: string,
    annotation: string,
    ids: string[],
  ): Promise<Map<string, CatalogEntity>> {
    const found = new Map<string, CatalogEntity>();
    if (ids.length === 0) return found;
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const wanted = new Set(ids);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const { items } = await this.deps.catalog.getEntities(
        {
          filter: {
            kind,
            [`metadata.annotations.${ANNOTATION_JUMPCLOUD_CONNECTION_ID}`]:
              connectionId,
            [`metadata.annotations.${annotation}`]: ids.slice(i, i + CHUNK),
          },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.annotations',
            'relations',
            'spec.owner',
          ],
        },
        { credentials },
      );
      for (const entity of items) {
        const annotations = entity.metadata.annotations ?? {};
        const id = annotations[annotation];
        if (
          entity.kind.toLowerCase() === kind &&
          annotations[ANNOTATION_JUMPCLOUD_CONNECTION_ID] === connectionId &&
          wanted.has(id)
        )
          found.set(id, entity);
      }
    }
    return found;
  }

  /**
   * The JumpCloud primary user of devices, from the connection's applied
   * rows (the run's, once it is applied: they carry the connection's label).
   */
  async #primaryUsers(
    run: { id: string; connectionId: string },
    deviceIds: string[],
  ): Promise<Map<string, string>> {
    const primary = new Map<string, string>();
    for (let i = 0; i < deviceIds.length; i += CHUNK) {
      const rows: Array<{ id: string; primary_user_id: string | null }> =
        await this.deps
          .knex('jc_devices')
          .where({ connection_id: run.connectionId })
          .where(
            'run_id',
            this.deps
              .knex('jc_connections')
              .select('snapshot_run_id')
              .where('id', run.connectionId),
          )
          .whereIn('id', deviceIds.slice(i, i + CHUNK))
          .select('id', 'primary_user_id');
      for (const row of rows)
        if (row.primary_user_id) primary.set(row.id, row.primary_user_id);
    }
    return primary;
  }
}

function unique(
  entities: FindingEntity[],
  kind: FindingEntity['kind'],
): string[] {
  return [...new Set(entities.filter(e => e.kind === kind).map(e => e.id))];
}
