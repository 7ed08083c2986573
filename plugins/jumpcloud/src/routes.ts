import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The JumpCloud page (legacy frontend system).
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'jumpcloud' });
