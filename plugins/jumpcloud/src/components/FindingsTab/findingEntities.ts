import type { Finding } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { CatalogApi } from '@backstage/plugin-catalog-react';
import {
  DEVICE_ENTITIES,
  linkAssetsToEntities,
  USER_ENTITIES,
  type AssetEntityKind,
} from '../AssetsTab/assetEntities';

const ENTITY_KINDS: Partial<Record<Finding['entityKind'], AssetEntityKind>> = {
  device: DEVICE_ENTITIES,
  user: USER_ENTITIES,
};

/**
 * Links each device and user finding to its catalog entity, found by its
 * JumpCloud id annotation as the Assets view does (the catalog names
 * entities, and transformers may rename them): one catalog request per kind
 * for a page. Findings without an entity, and all of them when the catalog
 * cannot be read, stay unlinked.
 */
export async function linkFindingsToEntities(
  catalogApi: Pick<CatalogApi, 'getEntities'>,
  findings: Finding[],
): Promise<Finding[]> {
  const refs = new Map<string, string>();
  for (const [entityKind, kind] of Object.entries(ENTITY_KINDS)) {
    const rows = findings
      .filter(f => f.entityKind === entityKind && !f.entityRef)
      .map(f => ({
        id: f.entityId,
        connectionId: f.connectionId,
        connectionName: f.connectionName,
        entityRef: null as string | null,
        findingId: f.id,
      }));
    if (rows.length === 0) continue;
    for (const row of await linkAssetsToEntities(catalogApi, kind!, rows))
      if (row.entityRef) refs.set(row.findingId, row.entityRef);
  }
  if (refs.size === 0) return findings;
  return findings.map(f =>
    refs.has(f.id) ? { ...f, entityRef: refs.get(f.id)! } : f,
  );
}
