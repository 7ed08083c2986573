import {
  jumpcloudConnectionManagePermission,
  jumpcloudReadPermission,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { JumpCloudPermissionPolicy } from './JumpCloudPermissionPolicy';

const memberships: Record<string, string[]> = {
  'user:default/ada': ['user:default/ada', 'group:default/IT-Admins'],
  'user:default/bob': ['user:default/bob', 'group:default/engineering'],
};

function userQuery(userEntityRef: string): PolicyQueryUser {
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs: memberships[userEntityRef] },
  };
}

describe('JumpCloudPermissionPolicy', () => {
  const policy = new JumpCloudPermissionPolicy(['group:default/it-admins'], {
    async getUserInfo(credentials) {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return { userEntityRef: ref, ownershipEntityRefs: memberships[ref] };
    },
  });
  const admin = userQuery('user:default/ada');
  const engineer = userQuery('user:default/bob');

  it('lets any signed-in user read', async () => {
    for (const user of [admin, engineer]) {
      await expect(
        policy.handle({ permission: jumpcloudReadPermission }, user),
      ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('lets only admin group members manage connections', async () => {
    const request = { permission: jumpcloudConnectionManagePermission };
    await expect(policy.handle(request, admin)).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
    await expect(policy.handle(request, engineer)).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('denies requests without a user', async () => {
    await expect(
      policy.handle({ permission: jumpcloudReadPermission }),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});
