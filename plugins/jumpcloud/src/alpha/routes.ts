import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { rootRouteRef } from '../routes';

/** The legacy root route ref, usable by the new frontend system. */
export const jumpcloudRootRouteRef = convertLegacyRouteRef(rootRouteRef);
