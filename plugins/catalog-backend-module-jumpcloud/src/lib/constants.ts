/**
 * The provider's name is part of its public contract: the catalog keys every
 * entity it emitted by this name, so renaming it would orphan them all.
 */
export const JUMPCLOUD_PROVIDER_NAME = 'JumpCloudEntityProvider';

/** Id of the scheduled (global) task that applies snapshots to the catalog. */
export const JUMPCLOUD_REFRESH_TASK_ID = `${JUMPCLOUD_PROVIDER_NAME}:refresh`;

/** Id of the events subscription (shared by all replicas). */
export const JUMPCLOUD_EVENTS_SUBSCRIBER_ID =
  'catalog-jumpcloud-entity-provider';

/** The backend plugin that owns JumpCloud data. */
export const JUMPCLOUD_BACKEND_PLUGIN_ID = 'jumpcloud';

/** Location type of the managed-by-location annotations. */
export const JUMPCLOUD_LOCATION_TYPE = 'jumpcloud';

/** `spec.type` of device Resources. */
export const DEVICE_RESOURCE_TYPE = 'device';

/** `spec.type` of the Group that stands for a whole connection. */
export const CONNECTION_GROUP_TYPE = 'organization';

/** Default `spec.type` of JumpCloud user groups. */
export const DEFAULT_USER_GROUP_TYPE = 'team';

/** Catalog names: 1–63 characters. */
export const MAX_ENTITY_NAME_LENGTH = 63;

/** Length of the hex suffix that tells colliding names apart. */
export const COLLISION_SUFFIX_LENGTH = 6;

/**
 * Page size used to read snapshots from the backend plugin: about 2 MB of
 * JSON per page of devices, few enough requests that their fixed cost
 * (authentication, connection lookup, keyset query) does not add up.
 */
export const DEFAULT_SNAPSHOT_PAGE_SIZE = 2000;
