/**
 * The provider's name is part of its public contract: the catalog keys every
 * entity it emitted by this name, so renaming it would orphan them all.
 *
 * @public
 */
export const JUMPCLOUD_PROVIDER_NAME = 'JumpCloudEntityProvider';

/**
 * Id of the scheduled (global) task that applies snapshots to the catalog.
 *
 * @public
 */
export const JUMPCLOUD_REFRESH_TASK_ID = `${JUMPCLOUD_PROVIDER_NAME}:refresh`;

/** Id of the events subscription (shared by all replicas). */
export const JUMPCLOUD_EVENTS_SUBSCRIBER_ID =
  'catalog-jumpcloud-entity-provider';
