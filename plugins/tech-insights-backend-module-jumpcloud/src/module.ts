import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  JUMPCLOUD_FACT_RETRIEVER_ID,
  createJumpCloudFactRetriever,
} from './retriever/jumpcloudFactRetriever';

/**
 * Adds the JumpCloud fact retriever to Tech Insights. It runs on the
 * schedule of `techInsights.factRetrievers.jumpcloudFactRetriever`.
 *
 * @public
 */
export const techInsightsModuleJumpCloud = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'jumpcloud',
  register(env) {
    env.registerInit({
      deps: {
        retrievers: techInsightsFactRetrieversExtensionPoint,
        catalog: catalogServiceRef,
      },
      async init({ retrievers, catalog }) {
        retrievers.addFactRetrievers({
          [JUMPCLOUD_FACT_RETRIEVER_ID]: createJumpCloudFactRetriever({
            catalog,
          }),
        });
      },
    });
  },
});
