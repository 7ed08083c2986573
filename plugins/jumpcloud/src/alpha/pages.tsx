import { compatWrapper } from '@backstage/core-compat-api';
import {
  AppRootElementBlueprint,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { useEffect } from 'react';
import { matchPath, useLocation } from 'react-router-dom';
import { tabLoaders, tabOfPath } from '../components/JumpCloudPage/tabLoaders';
import { jumpcloudRootRouteRef } from './routes';

const PAGE_PATH = '/jumpcloud';

const loadTabs = () => import('../components/JumpCloudPage/JumpCloudTabs');

/** The JumpCloud page: Overview, Findings, Assets, Connections, History. */
export const jumpcloudPage = PageBlueprint.make({
  params: {
    path: PAGE_PATH,
    title: 'JumpCloud',
    routeRef: jumpcloudRootRouteRef,
    loader: () => loadTabs().then(m => compatWrapper(<m.JumpCloudTabs />)),
  },
});

/**
 * When the app is opened on the JumpCloud page, starts loading the page's
 * code (the tabs and the one tab the path shows) at once. App root elements
 * render while the sign-in page restores the session; pages are only created
 * after that (route resolution is not available yet either, hence the page's
 * default path), so without this the page's chunks would only be fetched and
 * parsed once the session is back. If the page is mounted elsewhere, nothing
 * is preloaded.
 */
export function PreloadJumpCloudPage() {
  const { pathname } = useLocation();
  const subPath = matchPath(`${PAGE_PATH}/*`, pathname)?.params['*'];
  const tab = subPath === undefined ? undefined : tabOfPath(subPath);
  useEffect(() => {
    if (!tab) return;
    // The page's own loaders await the same imports and report a failure.
    loadTabs().catch(() => undefined);
    tabLoaders[tab]().catch(() => undefined);
  }, [tab]);
  return null;
}

/** Mounts {@link PreloadJumpCloudPage} at the app root. */
export const jumpcloudPagePreload = AppRootElementBlueprint.make({
  name: 'preload',
  params: { element: <PreloadJumpCloudPage /> },
});
