import {
  findEntityConnection,
  readJumpCloudAnnotations,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
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
    const connection = findEntityConnection(target, connections);
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
