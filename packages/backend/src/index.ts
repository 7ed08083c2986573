import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage/plugin-events-backend'));
// JumpCloud tells connection managers and asset owners through it.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
// Live progress: the JumpCloud pages update when the backend signals.
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('./permissions/module'));
backend.add(import('@backstage-jumpcloud/plugin-jumpcloud-backend'));
backend.add(
  import('@backstage-jumpcloud/plugin-catalog-backend-module-jumpcloud'),
);
// Actions for agents over MCP: the jumpcloud actions (backend.actions.pluginSources).
backend.add(import('@backstage/plugin-mcp-actions-backend'));
// Scorecards: Tech Insights with the JumpCloud facts.
backend.add(import('@backstage-community/plugin-tech-insights-backend'));
backend.add(
  import('@backstage-jumpcloud/plugin-tech-insights-backend-module-jumpcloud'),
);

backend.start();
