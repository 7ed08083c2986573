import {
  catalogApiRef,
  entityRouteRef,
  type CatalogApi,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type { ReactElement } from 'react';
import { SWRConfig } from 'swr';
import { jumpcloudApiRef } from '../api';
import type { FakeJumpCloudApi } from './fakeJumpCloudApi';
import type { FakeSignalApi } from './fakeSignalApi';

/**
 * Renders a component of the plugin in a legacy test app with the given
 * JumpCloud API, the manage permission granted or denied, a catalog
 * (empty unless given) and, when given, a signal API (the signals plugin).
 */
export function renderWithApis(
  element: ReactElement,
  options: {
    api: FakeJumpCloudApi;
    catalogApi?: CatalogApi;
    canManage?: boolean;
    routeEntries?: string[];
    signalApi?: FakeSignalApi;
  },
) {
  const permissionApi = mockApis.permission({
    authorize:
      options.canManage === false
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [jumpcloudApiRef, options.api],
        [permissionApiRef, permissionApi],
        [catalogApiRef, options.catalogApi ?? catalogApiMock()],
        ...(options.signalApi
          ? [[signalApiRef, options.signalApi] as const]
          : []),
      ]}
    >
      {/* usePermission caches answers in SWR; a fresh cache per render keeps
          one test's permission from leaking into the next. */}
      <SWRConfig value={{ provider: () => new Map() }}>{element}</SWRConfig>
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      routeEntries: options.routeEntries,
    },
  );
}
