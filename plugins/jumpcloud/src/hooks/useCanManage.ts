import { usePermission } from '@backstage/plugin-permission-react';
import { jumpcloudConnectionManagePermission } from '@backstage-jumpcloud/plugin-jumpcloud-common';

/**
 * Whether the user may manage connections and accept risks. The backend
 * enforces it too; the UI only hides what would be refused.
 */
export function useCanManage(): { loading: boolean; allowed: boolean } {
  const { loading, allowed } = usePermission({
    permission: jumpcloudConnectionManagePermission,
  });
  return { loading, allowed };
}
