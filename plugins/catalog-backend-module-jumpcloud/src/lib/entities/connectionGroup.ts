import type { GroupEntity } from '@backstage/catalog-model';
import type { JumpCloudCatalogConnection } from '../source/types';
import { CONNECTION_GROUP_TYPE, UNASSIGNED_GROUP_TYPE } from './constants';
import { commonAnnotations } from './defaultTransformers';
import { locationRef } from './locationRef';

/**
 * The Group that stands for a whole connection: parent of its user groups and
 * fallback owner of its devices. Not a transformer: the provider needs it.
 */
export function connectionGroupEntity(
  connection: JumpCloudCatalogConnection,
  name: string,
): GroupEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      title: connection.name,
      description: `Everything ingested from the JumpCloud connection "${connection.name}"`,
      annotations: commonAnnotations({
        connection,
        locationRef: locationRef(connection.id, 'connection', connection.id),
      }),
    },
    spec: {
      type: CONNECTION_GROUP_TYPE,
      profile: { displayName: connection.name },
      children: [],
    },
  };
}

/** How the owner of a device without a known user reads in the catalog. */
export function unassignedTitle(connection: JumpCloudCatalogConnection) {
  return `unassigned (connection ${connection.name})`;
}

/**
 * The owner of a connection's devices without a known user (when no
 * `defaultOwner` is configured): a Group whose title says so, "unassigned
 * (connection X)", so a device page does not present the whole connection
 * as the device's owner. A child of the connection's Group.
 */
export function unassignedGroupEntity(
  connection: JumpCloudCatalogConnection,
  name: string,
  connectionRef: string,
): GroupEntity {
  const title = unassignedTitle(connection);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      title,
      description: `Devices of the JumpCloud connection "${connection.name}" with no primary user and no single direct user`,
      annotations: commonAnnotations({
        connection,
        locationRef: locationRef(connection.id, 'connection', connection.id),
      }),
    },
    spec: {
      type: UNASSIGNED_GROUP_TYPE,
      profile: { displayName: title },
      parent: connectionRef,
      children: [],
    },
  };
}
