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

/** The tabs in the order they show, each at the path `/<id>`. */
const tabs: ReadonlyArray<{ id: TabId; title: string }> = [
  { id: 'overview', title: 'Overview' },
  { id: 'findings', title: 'Findings' },
  { id: 'assets', title: 'Assets' },
  { id: 'connections', title: 'Connections' },
  { id: 'history', title: 'History' },
  { id: 'evidence', title: 'Evidence' },
  { id: 'checks', title: 'Checks' },
  { id: 'frameworks', title: 'Frameworks' },
];

/**
 * The tabs of the JumpCloud page, one route each, shared by both frontend
 * systems. (The new system's SubPageBlueprint tabs were not used: in this
 * release they point aria-controls at panels that are never rendered, a
 * critical axe violation.) `loaded`: tabs whose code the page was loaded
 * with.
 */
export function JumpCloudTabs(props: { loaded?: LoadedTabs }) {
  const loaded = props.loaded ?? {};
  return (
    <JumpCloudBasePathProvider relative=".">
      <TabbedLayout>
        {tabs.map(tab => (
          <TabbedLayout.Route
            key={tab.id}
            path={`/${tab.id}`}
            title={tab.title}
          >
            <Tab id={tab.id} loaded={loaded} />
          </TabbedLayout.Route>
        ))}
      </TabbedLayout>
    </JumpCloudBasePathProvider>
  );
}
