import type { AssetBinding } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import {
  type AssetEntityKind,
  linkAssetsToEntities,
} from '../AssetsTab/assetEntities';
import { useEntityPath } from '../shared/useEntityLink';
import { EntityName } from '../shared/EntityName';

/** A user of a device, or a device of a user, with how access is granted. */
export interface BoundAsset extends AssetBinding {
  id: string;
  /** null when the other side is not in the snapshot: its id is shown. */
  name: string | null;
}

/**
 * How access is granted, as a person reads it: "direct", "through
 * Engineering", "direct, through Laptops, sudo". A binding from before the
 * groups were recorded reads "through a group".
 */
export function accessDescription(binding: AssetBinding): string {
  const groups = binding.viaGroups ?? [];
  const through = groups.length
    ? `through ${groups.map(g => g.name).join(', ')}`
    : 'through a group';
  return [
    binding.viaGroup ? null : 'direct',
    binding.viaGroup || groups.length ? through : null,
    binding.sudo ? 'sudo' : null,
    binding.sudoWithoutPassword ? 'no password' : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * The users bound to a device, or the devices bound to a user: each by name,
 * linked to its catalog entity when the catalog has one (one catalog request
 * for the list), with how access is granted.
 */
export function BoundAssetList(props: {
  assets: BoundAsset[];
  kind: AssetEntityKind;
  connection: { connectionId: string; connectionName: string };
}) {
  const { assets, kind, connection } = props;
  const catalogApi = useApi(catalogApiRef);
  const entityPath = useEntityPath();
  // Looked up again only when the list itself changes, not on every render.
  const ids = assets.map(asset => asset.id).join(' ');
  const { value: linked } = useAsync(
    () =>
      linkAssetsToEntities(
        catalogApi,
        kind,
        assets.map(asset => ({
          id: asset.id,
          connectionId: connection.connectionId,
          connectionName: connection.connectionName,
          entityRef: null,
        })),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [catalogApi, kind, ids, connection.connectionId],
  );
  if (assets.length === 0) return <>None</>;
  const refs = new Map(linked?.map(row => [row.id, row.entityRef]));
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {assets.map(asset => {
        const ref = refs.get(asset.id);
        const path = ref ? entityPath(ref) : undefined;
        const name = <EntityName name={asset.name ?? asset.id} />;
        return (
          <li key={asset.id}>
            {path ? <Link to={path}>{name}</Link> : name} (
            {accessDescription(asset)})
          </li>
        );
      })}
    </ul>
  );
}
