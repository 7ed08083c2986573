import type { JumpCloudApi } from '../../api';
import { firstPageQuery } from '../FindingsTab/firstPage';
import { tabLoaders, tabOfPath } from './tabLoaders';

/**
 * The JumpCloud page at a path below it: the tabs, with the code of the tab
 * the path shows loaded before the page renders. That tab then renders at
 * once, without a second suspended render (whose fallback React would keep
 * on screen for a while). Loading twice loads nothing twice: the chunks are
 * the bundler's.
 */
export async function loadJumpCloudPage(subPath: string): Promise<JSX.Element> {
  const tab = tabOfPath(subPath);
  const [{ JumpCloudTabs }, Tab] = await Promise.all([
    import('./JumpCloudTabs'),
    tabLoaders[tab](),
  ]);
  return <JumpCloudTabs loaded={{ [tab]: Tab }} />;
}

/**
 * Requests the first data of the tab a path shows ahead of it, through the
 * API client, which hands it to the tab (the Findings tab: its first page of
 * findings, with the URL's filters).
 */
export function prefetchJumpCloudPage(
  api: JumpCloudApi,
  subPath: string,
  search: string,
) {
  if (tabOfPath(subPath) === 'findings')
    api.prefetchFindings?.(firstPageQuery(search));
}

/**
 * The part of a URL path below the page mounted at `pagePath` (undefined if
 * it is elsewhere), whatever the app's base path before it.
 */
export function subPathOf(
  pathname: string,
  pagePath: string,
): string | undefined {
  const page = pagePath.split('/').filter(Boolean);
  const parts = pathname.split('/').filter(Boolean);
  for (let at = 0; at + page.length <= parts.length; at++) {
    if (page.every((part, i) => parts[at + i] === part))
      return parts.slice(at + page.length).join('/');
  }
  return undefined;
}
