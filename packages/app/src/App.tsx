import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import userSettingsPlugin from '@backstage/plugin-user-settings/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import jumpcloudPlugin from '@backstage-jumpcloud/plugin-jumpcloud/alpha';
import { homeModule } from './modules/home';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

export default createApp({
  features: [
    catalogPlugin,
    orgPlugin,
    userSettingsPlugin,
    // Live updates for the JumpCloud pages (without it they poll).
    signalsPlugin,
    jumpcloudPlugin,
    notificationsPlugin,
    navModule,
    homeModule,
    signInModule,
  ],
});
