import { createRouteRef } from '@backstage/core-plugin-api';

/** The JumpCloud page (legacy frontend system). */
export const rootRouteRef = createRouteRef({ id: 'jumpcloud' });
