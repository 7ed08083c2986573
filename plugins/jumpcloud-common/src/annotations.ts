/** The JumpCloud system (device) id of a catalog entity. */
export const ANNOTATION_JUMPCLOUD_SYSTEM_ID = 'jumpcloud.com/system-id';
/** The JumpCloud user id of a catalog entity. */
export const ANNOTATION_JUMPCLOUD_USER_ID = 'jumpcloud.com/user-id';
/** The JumpCloud user group id of a catalog entity. */
export const ANNOTATION_JUMPCLOUD_GROUP_ID = 'jumpcloud.com/group-id';
/** The email JumpCloud holds for a user, for sign-in resolvers. */
export const ANNOTATION_JUMPCLOUD_EMAIL = 'jumpcloud.com/email';
/** The name of the connection an entity came from. */
export const ANNOTATION_JUMPCLOUD_CONNECTION = 'jumpcloud.com/connection';
/** The JumpCloud organisation id an entity belongs to. */
export const ANNOTATION_JUMPCLOUD_ORG_ID = 'jumpcloud.com/org-id';
/** The id of the connection an entity came from (stable across renames). */
export const ANNOTATION_JUMPCLOUD_CONNECTION_ID = 'jumpcloud.com/connection-id';
/** Label holding a device's normalised OS family (macos, windows, linux, …). */
export const LABEL_JUMPCLOUD_OS_FAMILY = 'jumpcloud.com/os-family';

/** True when an entity carries any JumpCloud id annotation. */
export function isJumpCloudAnnotated(entity: {
  metadata: { annotations?: Record<string, string> };
}): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[ANNOTATION_JUMPCLOUD_SYSTEM_ID] ||
      annotations[ANNOTATION_JUMPCLOUD_USER_ID],
  );
}
