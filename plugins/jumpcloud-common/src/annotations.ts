/**
 * The JumpCloud system (device) id of a catalog entity.
 *
 * @public
 */
export const ANNOTATION_JUMPCLOUD_SYSTEM_ID = 'jumpcloud.com/system-id';
/**
 * The JumpCloud user id of a catalog entity.
 *
 * @public
 */
export const ANNOTATION_JUMPCLOUD_USER_ID = 'jumpcloud.com/user-id';
/**
 * The JumpCloud user group id of a catalog entity.
 *
 * @public
 */
export const ANNOTATION_JUMPCLOUD_GROUP_ID = 'jumpcloud.com/group-id';
/**
 * The email JumpCloud holds for a user, for sign-in resolvers.
 *
 * @public
 */
export const ANNOTATION_JUMPCLOUD_EMAIL = 'jumpcloud.com/email';
/**
 * The name of the connection an entity came from.
 *
 * @public
 */
export const ANNOTATION_JUMPCLOUD_CONNECTION = 'jumpcloud.com/connection';
/**
 * The JumpCloud organisation id an entity belongs to.
 *
 * @public
 */
export const ANNOTATION_JUMPCLOUD_ORG_ID = 'jumpcloud.com/org-id';
/**
 * The id of the connection an entity came from (stable across renames).
 *
 * @public
 */
export const ANNOTATION_JUMPCLOUD_CONNECTION_ID = 'jumpcloud.com/connection-id';
/**
 * Label holding a device's normalised OS family (macos, windows, linux, …).
 *
 * @public
 */
export const LABEL_JUMPCLOUD_OS_FAMILY = 'jumpcloud.com/os-family';

/**
 * True when an entity carries any JumpCloud id annotation.
 *
 * @public
 */
export function isJumpCloudAnnotated(entity: {
  metadata: { annotations?: Record<string, string> };
}): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[ANNOTATION_JUMPCLOUD_SYSTEM_ID] ||
      annotations[ANNOTATION_JUMPCLOUD_USER_ID],
  );
}

/**
 * The JumpCloud object a catalog entity stands for, from its annotations.
 *
 * @public
 */
export interface JumpCloudEntityTarget {
  kind: 'device' | 'user';
  /** The JumpCloud id (system id or user id). */
  jumpcloudId: string;
  /** The connection's id annotation (absent on older entities). */
  connectionId?: string;
  /** The connection's name annotation. */
  connectionName?: string;
}

/**
 * Which JumpCloud device or user an entity stands for; undefined for others.
 *
 * @public
 */
export function readJumpCloudAnnotations(entity: {
  metadata: { annotations?: Record<string, string> };
}): JumpCloudEntityTarget | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const systemId = annotations[ANNOTATION_JUMPCLOUD_SYSTEM_ID];
  const userId = annotations[ANNOTATION_JUMPCLOUD_USER_ID];
  const jumpcloudId = systemId || userId;
  if (!jumpcloudId) return undefined;
  return {
    kind: systemId ? 'device' : 'user',
    jumpcloudId,
    connectionId: annotations[ANNOTATION_JUMPCLOUD_CONNECTION_ID],
    connectionName: annotations[ANNOTATION_JUMPCLOUD_CONNECTION],
  };
}

/**
 * The connection an entity came from: by the id annotation when present,
 * else by the connection's name (older entities carry only the name); with
 * neither, only an unambiguous single connection will do.
 *
 * @public
 */
export function findEntityConnection<C extends { id: string; name: string }>(
  target: Pick<JumpCloudEntityTarget, 'connectionId' | 'connectionName'>,
  connections: C[],
): C | undefined {
  if (target.connectionId)
    return connections.find(c => c.id === target.connectionId);
  if (target.connectionName)
    return connections.find(c => c.name === target.connectionName);
  return connections.length === 1 ? connections[0] : undefined;
}
