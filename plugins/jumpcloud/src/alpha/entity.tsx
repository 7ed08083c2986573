import { isJumpCloudAnnotated } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { compatWrapper } from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';

/**
 * The JumpCloud tab, on entities with a JumpCloud system or user id.
 *
 * @alpha
 */
export const entityJumpCloudContent = EntityContentBlueprint.make({
  params: {
    path: 'jumpcloud',
    title: 'JumpCloud',
    filter: isJumpCloudAnnotated,
    loader: () =>
      import('../components/entity').then(m =>
        compatWrapper(<m.EntityJumpCloudContent />),
      ),
  },
});

/**
 * The posture card for entity overview pages.
 *
 * @alpha
 */
export const entityJumpCloudPostureCard = EntityCardBlueprint.make({
  name: 'posture',
  params: {
    filter: isJumpCloudAnnotated,
    loader: () =>
      import('../components/entity').then(m =>
        compatWrapper(<m.EntityJumpCloudPostureCard />),
      ),
  },
});
