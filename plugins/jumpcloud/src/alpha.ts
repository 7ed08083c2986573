import { createFrontendPlugin } from '@backstage/frontend-plugin-api';

/** The JumpCloud frontend plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'jumpcloud',
  extensions: [],
});
