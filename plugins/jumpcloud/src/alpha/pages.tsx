import { compatWrapper } from '@backstage/core-compat-api';
import {
  AppRootElementBlueprint,
  PageBlueprint,
  useApi,
} from '@backstage/frontend-plugin-api';
import { useEffect, useRef } from 'react';
import { matchPath, useLocation } from 'react-router-dom';
import { jumpcloudApiRef } from '../api';
import {
  loadJumpCloudPage,
  prefetchJumpCloudPage,
  subPathOf,
} from '../components/JumpCloudPage/loadJumpCloudPage';
import { tabOfPath } from '../components/JumpCloudPage/tabLoaders';
import { jumpcloudRootRouteRef } from './routes';

const PAGE_PATH = '/jumpcloud';

/**
 * The JumpCloud page: Overview, Findings, Assets, Connections, History,
 * Checks, Frameworks. Its loader loads the tabs and the tab the URL shows
 * (wherever the page is mounted).
 *
 * @alpha
 */
export const jumpcloudPage = PageBlueprint.makeWithOverrides({
  factory(originalFactory, { config }) {
    const pagePath = config.path ?? PAGE_PATH;
    return originalFactory({
      path: PAGE_PATH,
      title: 'JumpCloud',
      routeRef: jumpcloudRootRouteRef,
      loader: () =>
        loadJumpCloudPage(
          subPathOf(window.location.pathname, pagePath) ?? '',
        ).then(compatWrapper),
    });
  },
});

/**
 * When the app is opened on the JumpCloud page, runs the page's loader at
 * once (its chunks: the tabs and the one tab the path shows), and asks the
 * API client for that tab's first data (the Findings tab's first page).
 * App root elements render while the sign-in page restores the session;
 * pages are only created after that (route resolution is not available yet
 * either, hence the page's default path), so without this the page's chunks
 * would only be fetched and parsed, and its first request sent, once the
 * session is back. If the page is mounted elsewhere, nothing is preloaded.
 */
export function PreloadJumpCloudPage() {
  const api = useApi(jumpcloudApiRef);
  const { pathname, search } = useLocation();
  const subPath = matchPath(`${PAGE_PATH}/*`, pathname)?.params['*'];
  const tab = subPath === undefined ? undefined : tabOfPath(subPath);
  const opened = useRef(false);
  useEffect(() => {
    const appOpening = !opened.current;
    opened.current = true;
    if (subPath === undefined) return;
    // The page's own loader awaits the same imports and reports a failure.
    loadJumpCloudPage(subPath).catch(() => undefined);
    // The first data when the app opens on the page (not on later in-app
    // visits, whose tabs ask as usual).
    if (appOpening) prefetchJumpCloudPage(api, subPath, search);
    // Only a change of tab preloads again, not one of filters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tab, api]);
  return null;
}

/** Mounts {@link PreloadJumpCloudPage} at the app root. */
export const jumpcloudPagePreload = AppRootElementBlueprint.make({
  name: 'preload',
  params: { element: <PreloadJumpCloudPage /> },
});
