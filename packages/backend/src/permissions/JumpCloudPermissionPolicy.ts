import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { jumpcloudConnectionManagePermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';

/**
 * Signed-in users may read everything; only members of one of the configured
 * admin groups (by ownership entity ref) may manage JumpCloud connections.
 */
export class JumpCloudPermissionPolicy implements PermissionPolicy {
  private readonly adminRefs: Set<string>;

  constructor(
    adminGroups: string[],
    private readonly userInfo: Pick<UserInfoService, 'getUserInfo'>,
  ) {
    this.adminRefs = new Set(adminGroups.map(ref => ref.toLocaleLowerCase()));
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    if (request.permission.name !== jumpcloudConnectionManagePermission.name) {
      return { result: AuthorizeResult.ALLOW };
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    const isAdmin = ownershipEntityRefs.some(ref =>
      this.adminRefs.has(ref.toLocaleLowerCase()),
    );
    return { result: isAdmin ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
}
