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
  FIRST_PAGE_SIZE,
  prefetchFindings,
} from '../components/FindingsTab/firstPagePrefetch';
import { filtersOf } from '../components/FindingsTab/useFindingFilters';
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
 * code (the tabs and the one tab the path shows) at once, and on the
 * Findings tab requests its first page of findings. App root elements
 * render while the sign-in page restores the session; pages are only created
 * after that (route resolution is not available yet either, hence the page's
 * default path), so without this the page's chunks would only be fetched and
 * parsed once the session is back. If the page is mounted elsewhere, nothing
 * is preloaded.
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
    if (!tab) return;
    // The page's own loaders await the same imports and report a failure.
    loadTabs().catch(() => undefined);
    tabLoaders[tab]().catch(() => undefined);
    // The Findings tab's first rows, when the app opens on it (not on later
    // in-app visits, whose table asks as usual).
    if (tab === 'findings' && appOpening) {
      prefetchFindings(api, {
        ...filtersOf(new URLSearchParams(search)),
        limit: FIRST_PAGE_SIZE,
        offset: 0,
      });
    }
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
