import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { homeRedirectPage } from './homeRedirectPage';

/** The app's landing route: the JumpCloud overview, so a first visit shows data. */
export const homeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [homeRedirectPage],
});
