/** Location type of the managed-by-location annotations. */
export const JUMPCLOUD_LOCATION_TYPE = 'jumpcloud';

/** `spec.type` of device Resources. */
export const DEVICE_RESOURCE_TYPE = 'device';

/** `spec.type` of the Group that stands for a whole connection. */
export const CONNECTION_GROUP_TYPE = 'organization';

/** `spec.type` of the Group owning a connection's devices without a user. */
export const UNASSIGNED_GROUP_TYPE = 'unassigned';

/** Default `spec.type` of JumpCloud user groups. */
export const DEFAULT_USER_GROUP_TYPE = 'team';

/** Catalog names: 1–63 characters. */
export const MAX_ENTITY_NAME_LENGTH = 63;

/** Length of the hex suffix that tells colliding names apart. */
export const COLLISION_SUFFIX_LENGTH = 6;
