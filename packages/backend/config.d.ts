export interface Config {
  permission?: {
    /**
     * Entity refs (groups or users) whose members may manage JumpCloud
     * connections. Defaults to `group:default/jumpcloud-admins`.
     */
    jumpcloudAdminGroups?: string[];
  };
}
