import { SignInPage } from '@backstage/core-components';
import type { SignInPageProps } from '@backstage/core-plugin-api';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/**
 * The guest sign-in page, as the app plugin's default one, but with
 * `SignInPage` imported statically. The default page loads it with
 * `import('@backstage/core-components')`, the package's whole barrel (the
 * table, pickers, drag and drop, …, ~0.8 MB of script): a chunk round trip
 * and its parsing before every page, since the page also restores an
 * existing session. Imported by name, only the sign-in page itself is
 * bundled, and the session refresh starts as soon as the app renders.
 */
export function GuestSignInPage(props: SignInPageProps) {
  return <SignInPage {...props} providers={['guest']} />;
}

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: { loader: async () => GuestSignInPage },
    }),
  ],
});
