import { Progress, TabbedLayout } from '@backstage/core-components';
import { lazy, Suspense } from 'react';
import { JumpCloudBasePathProvider } from '../shared/basePath';
import { LoadedTabs, TabId, tabLoaders } from './tabLoaders';

const lazyTabs = Object.fromEntries(
  Object.entries(tabLoaders).map(([id, load]) => [
    id,
    lazy(() => load().then(component => ({ default: component }))),
  ]),
) as Record<TabId, ReturnType<typeof lazy>>;

/**
 * A tab: the component the page was loaded with (see loadJumpCloudPage),
 * which renders at once, or else its own chunk, loaded while the tabs stay
 * visible.
 */
function Tab(props: { id: TabId; loaded: LoadedTabs }) {
  const Loaded = props.loaded[props.id];
  if (Loaded) return <Loaded />;
  const Lazy = lazyTabs[props.id];
  return (
    <Suspense fallback={<Progress />}>
      <Lazy />
    </Suspense>
  );
}

/**
 * The five tabs of the JumpCloud page, one route each, shared by both
 * frontend systems. (The new system's SubPageBlueprint tabs were not used:
 * in this release they point aria-controls at panels that are never
 * rendered, a critical axe violation.) `loaded`: tabs whose code the page
 * was loaded with.
 */
export function JumpCloudTabs(props: { loaded?: LoadedTabs }) {
  const loaded = props.loaded ?? {};
  return (
    <JumpCloudBasePathProvider relative=".">
      <TabbedLayout>
        <TabbedLayout.Route path="/overview" title="Overview">
          <Tab id="overview" loaded={loaded} />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/findings" title="Findings">
          <Tab id="findings" loaded={loaded} />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/assets" title="Assets">
          <Tab id="assets" loaded={loaded} />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/connections" title="Connections">
          <Tab id="connections" loaded={loaded} />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/history" title="History">
          <Tab id="history" loaded={loaded} />
        </TabbedLayout.Route>
      </TabbedLayout>
    </JumpCloudBasePathProvider>
  );
}
