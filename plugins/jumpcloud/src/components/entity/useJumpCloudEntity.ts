import {
  ANNOTATION_JUMPCLOUD_CONNECTION,
  ANNOTATION_JUMPCLOUD_CONNECTION_ID,
  ANNOTATION_JUMPCLOUD_SYSTEM_ID,
  ANNOTATION_JUMPCLOUD_USER_ID,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { jumpcloudApiRef } from '../../api';

export interface JumpCloudEntityTarget {
  kind: 'device' | 'user';
  /** The JumpCloud id (system id or user id). */
  jumpcloudId: string;
  connectionId: string;
  connectionName: string;
}

/** Which JumpCloud object an entity stands for, from its annotations. */
export function readJumpCloudAnnotations(entity: Entity) {
  const annotations = entity.metadata.annotations ?? {};
  const systemId = annotations[ANNOTATION_JUMPCLOUD_SYSTEM_ID];
  const connection = {
    connectionId: annotations[ANNOTATION_JUMPCLOUD_CONNECTION_ID],
    connectionName: annotations[ANNOTATION_JUMPCLOUD_CONNECTION],
  };
  const userId = annotations[ANNOTATION_JUMPCLOUD_USER_ID];
  if (systemId) {
    return {
      kind: 'device' as const,
      jumpcloudId: systemId,
      ...connection,
    };
  }
  if (userId) {
    return {
      kind: 'user' as const,
      jumpcloudId: userId,
      ...connection,
    };
  }
  return undefined;
}

/**
 * Resolves the entity's connection: by the id annotation when present, else
 * by the connection's name (older entities carry only the name).
 */
export function useJumpCloudEntityTarget() {
  const { entity } = useEntity();
  const api = useApi(jumpcloudApiRef);
  return useAsync(async (): Promise<JumpCloudEntityTarget | undefined> => {
    const target = readJumpCloudAnnotations(entity);
    if (!target) return undefined;
    const connections = await api.listConnections();
    // Without the annotation only an unambiguous single connection will do.
    let connection = connections.length === 1 ? connections[0] : undefined;
    if (target.connectionId) {
      connection = connections.find(c => c.id === target.connectionId);
    } else if (target.connectionName) {
      connection = connections.find(c => c.name === target.connectionName);
    }
    if (!connection) {
      throw new Error(
        target.connectionName
          ? `The JumpCloud connection “${target.connectionName}” of this entity no longer exists.`
          : 'This entity does not name its JumpCloud connection.',
      );
    }
    return {
      kind: target.kind,
      jumpcloudId: target.jumpcloudId,
      connectionId: connection.id,
      connectionName: connection.name,
    };
  }, [api, entity]);
}
