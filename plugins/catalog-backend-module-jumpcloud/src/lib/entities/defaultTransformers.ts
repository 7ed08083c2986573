import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  type GroupEntity,
  type ResourceEntity,
  type UserEntity,
} from '@backstage/catalog-model';
import {
  ANNOTATION_JUMPCLOUD_CONNECTION,
  ANNOTATION_JUMPCLOUD_CONNECTION_ID,
  ANNOTATION_JUMPCLOUD_EMAIL,
  ANNOTATION_JUMPCLOUD_GROUP_ID,
  ANNOTATION_JUMPCLOUD_ORG_ID,
  ANNOTATION_JUMPCLOUD_SYSTEM_ID,
  ANNOTATION_JUMPCLOUD_USER_ID,
  LABEL_JUMPCLOUD_OS_FAMILY,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  type JcGroup,
  type JcOsFamily,
  type JcSystem,
  type JcSystemUser,
  jumpcloudOsFamily,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { DEVICE_RESOURCE_TYPE } from './constants';
import { sanitizeEntityName } from './naming';
import type {
  JumpCloudDeviceTransformerContext,
  JumpCloudGroupTransformerContext,
  JumpCloudTransformerContext,
  JumpCloudUserTransformerContext,
} from './types';

/**
 * Label prefix for system groups (`systemGroupsAsLabels`).
 *
 * @public
 */
export const SYSTEM_GROUP_LABEL_PREFIX = 'jumpcloud.com/system-group-';

/**
 * Annotations every JumpCloud entity carries.
 *
 * @public
 */
export function commonAnnotations(
  context: Pick<JumpCloudTransformerContext, 'connection' | 'locationRef'>,
): Record<string, string> {
  const annotations: Record<string, string> = {
    [ANNOTATION_LOCATION]: context.locationRef,
    [ANNOTATION_ORIGIN_LOCATION]: context.locationRef,
    [ANNOTATION_JUMPCLOUD_CONNECTION]: context.connection.name,
    [ANNOTATION_JUMPCLOUD_CONNECTION_ID]: context.connection.id,
  };
  if (context.connection.orgId) {
    annotations[ANNOTATION_JUMPCLOUD_ORG_ID] = context.connection.orgId;
  }
  return annotations;
}

function nonEmpty(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * The tag an engineer would search for: 'macos' where the label keeps
 * JumpCloud's (and the Assets tab's) 'darwin'.
 */
function osFamilyTag(family: JcOsFamily): string {
  return family === 'darwin' ? 'macos' : family;
}

function systemGroupLabels(groups: JcGroup[]): Record<string, string> {
  const labels: Record<string, string> = {};
  const room = 63 - 'system-group-'.length;
  for (const group of groups) {
    const name = sanitizeEntityName(group.name, room);
    if (name) {
      labels[`${SYSTEM_GROUP_LABEL_PREFIX}${name}`] = 'true';
    }
  }
  return labels;
}

/**
 * Device → Resource (spec.type device). Volatile fields such as last contact
 * are deliberately left out: they change on every sync and would make the
 * catalog rewrite every device each time.
 *
 * @public
 */
export function defaultDeviceTransformer(
  device: JcSystem,
  context: JumpCloudDeviceTransformerContext,
): ResourceEntity {
  const family = jumpcloudOsFamily(device);
  const os = [nonEmpty(device.os), nonEmpty(device.version)]
    .filter(Boolean)
    .join(' ');
  const entity: ResourceEntity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: context.name,
      title:
        nonEmpty(device.displayName) ?? nonEmpty(device.hostname) ?? device._id,
      annotations: {
        ...commonAnnotations(context),
        [ANNOTATION_JUMPCLOUD_SYSTEM_ID]: device._id,
      },
      labels: {
        [LABEL_JUMPCLOUD_OS_FAMILY]: family,
        ...(context.systemGroupsAsLabels
          ? systemGroupLabels(context.systemGroups)
          : {}),
      },
      tags: [osFamilyTag(family)],
      links: [
        { url: context.consoleUrl, title: 'Open in JumpCloud', type: 'admin' },
      ],
    },
    spec: {
      type: DEVICE_RESOURCE_TYPE,
      owner: context.owner,
    },
  };
  if (os) {
    entity.metadata.description = os;
  }
  return entity;
}

function userDisplayName(user: JcSystemUser): string | undefined {
  const full = [nonEmpty(user.firstname), nonEmpty(user.lastname)]
    .filter(Boolean)
    .join(' ');
  return (
    nonEmpty(user.displayname) ?? nonEmpty(full) ?? nonEmpty(user.username)
  );
}

/**
 * User → User, with the email annotation sign-in resolvers match on.
 *
 * @public
 */
export function defaultUserTransformer(
  user: JcSystemUser,
  context: JumpCloudUserTransformerContext,
): UserEntity {
  const email = nonEmpty(user.email);
  const displayName = userDisplayName(user);
  const annotations: Record<string, string> = {
    ...commonAnnotations(context),
    [ANNOTATION_JUMPCLOUD_USER_ID]: user._id,
  };
  if (email) {
    annotations[ANNOTATION_JUMPCLOUD_EMAIL] = email;
  }
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name: context.name,
      ...(displayName ? { title: displayName } : {}),
      annotations,
      links: [
        { url: context.consoleUrl, title: 'Open in JumpCloud', type: 'admin' },
      ],
    },
    spec: {
      profile: {
        ...(displayName ? { displayName } : {}),
        ...(email ? { email } : {}),
      },
      memberOf: context.memberOf,
    },
  };
}

/**
 * User group → Group with its user members.
 *
 * @public
 */
export function defaultGroupTransformer(
  group: JcGroup,
  context: JumpCloudGroupTransformerContext,
): GroupEntity {
  const description = nonEmpty(group.description);
  const email = nonEmpty(group.email);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: context.name,
      title: nonEmpty(group.name) ?? group.id,
      ...(description ? { description } : {}),
      annotations: {
        ...commonAnnotations(context),
        [ANNOTATION_JUMPCLOUD_GROUP_ID]: group.id,
      },
      links: [
        { url: context.consoleUrl, title: 'Open in JumpCloud', type: 'admin' },
      ],
    },
    spec: {
      type: context.groupType,
      profile: {
        displayName: nonEmpty(group.name) ?? group.id,
        ...(email ? { email } : {}),
      },
      ...(context.parent ? { parent: context.parent } : {}),
      children: [],
      members: context.members,
    },
  };
}
