import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('./permissions/module'));
backend.add(import('@backstage-jumpcloud/plugin-jumpcloud-backend'));
backend.add(
  import('@backstage-jumpcloud/plugin-catalog-backend-module-jumpcloud'),
);

backend.start();
