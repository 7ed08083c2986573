/** The backend plugin that owns JumpCloud data. */
export const JUMPCLOUD_BACKEND_PLUGIN_ID = 'jumpcloud';

/**
 * Page size used to read snapshots from the backend plugin: about 2 MB of
 * JSON per page of devices, few enough requests that their fixed cost
 * (authentication, connection lookup, keyset query) does not add up.
 */
export const DEFAULT_SNAPSHOT_PAGE_SIZE = 2000;
