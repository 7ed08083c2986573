import {
  techInsightsFactRetrieversExtensionPoint,
  type FactRetriever,
} from '@backstage-community/plugin-tech-insights-node';
import { startTestBackend } from '@backstage/backend-test-utils';
import { techInsightsModuleJumpCloud } from './module';

describe('techInsightsModuleJumpCloud', () => {
  it('adds the JumpCloud fact retriever to Tech Insights', async () => {
    const added: Record<string, FactRetriever> = {};
    const backend = await startTestBackend({
      extensionPoints: [
        [
          techInsightsFactRetrieversExtensionPoint,
          {
            addFactRetrievers: (retrievers: Record<string, FactRetriever>) =>
              Object.assign(added, retrievers),
          },
        ],
      ],
      features: [techInsightsModuleJumpCloud],
    });
    try {
      expect(Object.keys(added)).toEqual(['jumpcloudFactRetriever']);
      expect(added.jumpcloudFactRetriever.id).toBe('jumpcloudFactRetriever');
      expect(Object.keys(added.jumpcloudFactRetriever.schema)).toEqual(
        expect.arrayContaining([
          'jumpcloudDiskEncrypted',
          'jumpcloudMfaEnrolled',
          'jumpcloudLastContact',
          'jumpcloudFailingCritical',
        ]),
      );
    } finally {
      await backend.stop();
    }
  });
});
