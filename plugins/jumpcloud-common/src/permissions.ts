import {
  createPermission,
  type BasicPermission,
} from '@backstage/plugin-permission-common';

/**
 * Read findings, assets, posture, evidence and sync history.
 *
 * @public
 */
export const jumpcloudReadPermission: BasicPermission = createPermission({
  name: 'jumpcloud.read',
  attributes: { action: 'read' },
});

/**
 * Read the list of connections (never their API keys).
 *
 * @public
 */
export const jumpcloudConnectionReadPermission: BasicPermission =
  createPermission({
    name: 'jumpcloud.connection.read',
    attributes: { action: 'read' },
  });

/**
 * Create, edit, delete, test and sync connections, and accept risks.
 * Granted only to JumpCloud administrators by the permission policy.
 *
 * @public
 */
export const jumpcloudConnectionManagePermission: BasicPermission =
  createPermission({
    name: 'jumpcloud.connection.manage',
    attributes: { action: 'update' },
  });

/**
 * Every permission the JumpCloud plugins declare, for the permission registry.
 *
 * @public
 */
export const jumpcloudPermissions = [
  jumpcloudReadPermission,
  jumpcloudConnectionReadPermission,
  jumpcloudConnectionManagePermission,
];
