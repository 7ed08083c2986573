import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  JumpCloudDeviceTransformer,
  JumpCloudGroupTransformer,
  JumpCloudUserTransformer,
} from './lib/entities/types';

/**
 * Replaces how JumpCloud objects become entities. Each setter may be called
 * once; wrap the exported defaults to change a detail rather than rewrite them.
 *
 * @public
 */
export interface JumpCloudTransformersExtensionPoint {
  setDeviceTransformer(transformer: JumpCloudDeviceTransformer): void;
  setUserTransformer(transformer: JumpCloudUserTransformer): void;
  setGroupTransformer(transformer: JumpCloudGroupTransformer): void;
}

/** @public */
export const jumpcloudTransformersExtensionPoint =
  createExtensionPoint<JumpCloudTransformersExtensionPoint>({
    id: 'catalog.jumpcloud.transformers',
  });
