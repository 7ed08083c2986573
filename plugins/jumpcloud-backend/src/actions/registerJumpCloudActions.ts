import { registerGetConnectionStatusAction } from './getConnectionStatusAction';
import { registerGetEntityPostureAction } from './getEntityPostureAction';
import { registerListCheckFindingsAction } from './listCheckFindingsAction';
import { registerStartSyncAction } from './startSyncAction';
import type { ActionsRegistry, JumpCloudActionsDeps } from './types';

/**
 * The plugin's actions for agents (ids `jumpcloud:<name>`), each checking
 * the caller's permissions as the REST route for the same data does.
 */
export function registerJumpCloudActions(
  registry: ActionsRegistry,
  deps: JumpCloudActionsDeps,
): void {
  registerGetEntityPostureAction(registry, deps);
  registerListCheckFindingsAction(registry, deps);
  registerGetConnectionStatusAction(registry, deps);
  registerStartSyncAction(registry, deps);
}
