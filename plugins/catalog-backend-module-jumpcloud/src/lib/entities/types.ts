import type { Entity } from '@backstage/catalog-model';
import type {
  JcGroup,
  JcSystem,
  JcSystemUser,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import type { JumpCloudCatalogConnection } from '../source/types';

/**
 * What every transformer gets to know besides the JumpCloud object.
 *
 * @public
 */
export interface JumpCloudTransformerContext {
  connection: JumpCloudCatalogConnection;
  /** The sanitised, collision-free name the provider picked. */
  name: string;
  /** Value for the managed-by-location annotations. */
  locationRef: string;
  /** Link to the object in the JumpCloud console of the connection's region. */
  consoleUrl: string;
}

/** @public */
export interface JumpCloudDeviceTransformerContext
  extends JumpCloudTransformerContext {
  /** Entity ref of the owner: the primary user, or the fallback group. */
  owner: string;
  /** System groups the device belongs to. */
  systemGroups: JcGroup[];
  /** Add the system groups as labels (`catalog.providers.jumpcloud.systemGroupsAsLabels`). */
  systemGroupsAsLabels: boolean;
}

/** @public */
export interface JumpCloudUserTransformerContext
  extends JumpCloudTransformerContext {
  /** Entity refs of the groups the user belongs to. */
  memberOf: string[];
}

/** @public */
export interface JumpCloudGroupTransformerContext
  extends JumpCloudTransformerContext {
  /** Entity refs of the group's user members. */
  members: string[];
  /** Entity ref of the parent (the connection's Group), if any. */
  parent?: string;
  /** `spec.type` to use. */
  groupType: string;
}

/**
 * What a transformer returns: the entity, or undefined to skip the object.
 *
 * @public
 */
export type JumpCloudTransformerResult =
  | Entity
  | undefined
  | Promise<Entity | undefined>;

/**
 * Turns a JumpCloud device into an entity; undefined skips it.
 *
 * @public
 */
export type JumpCloudDeviceTransformer = (
  device: JcSystem,
  context: JumpCloudDeviceTransformerContext,
) => JumpCloudTransformerResult;

/**
 * Turns a JumpCloud user into an entity; undefined skips it.
 *
 * @public
 */
export type JumpCloudUserTransformer = (
  user: JcSystemUser,
  context: JumpCloudUserTransformerContext,
) => JumpCloudTransformerResult;

/**
 * Turns a JumpCloud user group into an entity; undefined skips it.
 *
 * @public
 */
export type JumpCloudGroupTransformer = (
  group: JcGroup,
  context: JumpCloudGroupTransformerContext,
) => JumpCloudTransformerResult;

/**
 * The transformers the provider uses (defaults unless replaced).
 *
 * @public
 */
export interface JumpCloudTransformers {
  device: JumpCloudDeviceTransformer;
  user: JumpCloudUserTransformer;
  group: JumpCloudGroupTransformer;
}
