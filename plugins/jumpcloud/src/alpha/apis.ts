import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { JumpCloudClient, jumpcloudApiRef } from '../api';

/**
 * The JumpCloud REST client for the new frontend system.
 *
 * @alpha
 */
export const jumpcloudApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: jumpcloudApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new JumpCloudClient({ discoveryApi, fetchApi }),
    }),
});
