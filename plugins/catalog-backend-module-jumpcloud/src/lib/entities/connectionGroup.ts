import type { GroupEntity } from '@backstage/catalog-model';
import type { JumpCloudCatalogConnection } from '../source/types';
import { CONNECTION_GROUP_TYPE } from './constants';
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
