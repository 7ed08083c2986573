import {
  ANNOTATION_JUMPCLOUD_CONNECTION,
  ANNOTATION_JUMPCLOUD_CONNECTION_ID,
  ANNOTATION_JUMPCLOUD_SYSTEM_ID,
  ANNOTATION_JUMPCLOUD_USER_ID,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { CatalogApi } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';

/** The part of an asset row that identifies it in JumpCloud. */
export interface AssetRow {
  id: string;
  connectionId: string;
  connectionName: string;
  entityRef: string | null;
}

/** How the catalog marks the entity of one kind of asset. */
export interface AssetEntityKind {
  /** The annotation holding the JumpCloud id. */
  annotation: string;
  /** The kind the default transformers emit, preferred when several entities match. */
  preferredKind: string;
}

export const DEVICE_ENTITIES: AssetEntityKind = {
  annotation: ANNOTATION_JUMPCLOUD_SYSTEM_ID,
  preferredKind: 'Resource',
};
export const USER_ENTITIES: AssetEntityKind = {
  annotation: ANNOTATION_JUMPCLOUD_USER_ID,
  preferredKind: 'User',
};

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
];

/**
 * Whether an entity was ingested from the row's connection. An entity whose
 * transformer dropped the connection annotations still matches by id: the
 * JumpCloud ids are unique object ids.
 */
function sameConnection(entity: Entity, row: AssetRow): boolean {
  const annotations = entity.metadata.annotations ?? {};
  const connectionId = annotations[ANNOTATION_JUMPCLOUD_CONNECTION_ID];
  if (connectionId) return connectionId === row.connectionId;
  const connectionName = annotations[ANNOTATION_JUMPCLOUD_CONNECTION];
  if (connectionName) return connectionName === row.connectionName;
  return true;
}

/**
 * Finds the catalog entity of each row of one table page with one catalog
 * request filtered on the JumpCloud id annotation, so entities keep their
 * links whatever names a custom transformer gives them. Rows the backend
 * already linked keep their ref; rows without an entity stay unlinked, and so
 * do all rows when the catalog cannot be read (the table stays usable).
 */
export async function linkAssetsToEntities<T extends AssetRow>(
  catalogApi: Pick<CatalogApi, 'getEntities'>,
  kind: AssetEntityKind,
  rows: T[],
): Promise<T[]> {
  const ids = [...new Set(rows.filter(r => !r.entityRef).map(r => r.id))];
  if (ids.length === 0) return rows;
  let entities: Entity[];
  try {
    const response = await catalogApi.getEntities({
      filter: { [`metadata.annotations.${kind.annotation}`]: ids },
      fields: FIELDS,
    });
    entities = response.items;
  } catch {
    return rows;
  }
  const byId = new Map<string, Entity[]>();
  for (const entity of entities) {
    const id = entity.metadata.annotations?.[kind.annotation];
    if (!id) continue;
    const list = byId.get(id) ?? [];
    list.push(entity);
    byId.set(id, list);
  }
  return rows.map(row => {
    if (row.entityRef) return row;
    const candidates = (byId.get(row.id) ?? []).filter(e =>
      sameConnection(e, row),
    );
    if (candidates.length === 0) return row;
    const entity =
      candidates.find(
        e =>
          e.kind.toLocaleLowerCase('en-US') ===
          kind.preferredKind.toLocaleLowerCase('en-US'),
      ) ?? candidates[0];
    return { ...row, entityRef: stringifyEntityRef(entity) };
  });
}
