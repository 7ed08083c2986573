import { compatWrapper } from '@backstage/core-compat-api';
import {
  PageBlueprint,
  SubPageBlueprint,
} from '@backstage/frontend-plugin-api';
import { ReactNode } from 'react';
import { JumpCloudBasePathProvider } from '../components/shared/basePath';
import { jumpcloudRootRouteRef } from './routes';

/** The JumpCloud page; its tabs are the sub-pages below. */
export const jumpcloudPage = PageBlueprint.make({
  params: {
    path: '/jumpcloud',
    title: 'JumpCloud',
    routeRef: jumpcloudRootRouteRef,
  },
});

// Sub-pages render under `<page>/<tab>/*`; '..' is the page root the tabs
// link to each other from.
const tab = (element: ReactNode) =>
  compatWrapper(
    <JumpCloudBasePathProvider relative="..">
      {element}
    </JumpCloudBasePathProvider>,
  );

const attachTo = { id: 'page:jumpcloud', input: 'pages' } as const;

export const overviewSubPage = SubPageBlueprint.make({
  name: 'overview',
  attachTo,
  params: {
    path: 'overview',
    title: 'Overview',
    loader: () =>
      import('../components/OverviewTab/OverviewTab').then(m =>
        tab(<m.OverviewTab />),
      ),
  },
});

export const findingsSubPage = SubPageBlueprint.make({
  name: 'findings',
  attachTo,
  params: {
    path: 'findings',
    title: 'Findings',
    loader: () =>
      import('../components/FindingsTab/FindingsTab').then(m =>
        tab(<m.FindingsTab />),
      ),
  },
});

export const assetsSubPage = SubPageBlueprint.make({
  name: 'assets',
  attachTo,
  params: {
    path: 'assets',
    title: 'Assets',
    loader: () =>
      import('../components/AssetsTab/AssetsTab').then(m =>
        tab(<m.AssetsTab />),
      ),
  },
});

export const connectionsSubPage = SubPageBlueprint.make({
  name: 'connections',
  attachTo,
  params: {
    path: 'connections',
    title: 'Connections',
    loader: () =>
      import('../components/ConnectionsTab/ConnectionsTab').then(m =>
        tab(<m.ConnectionsTab />),
      ),
  },
});

export const historySubPage = SubPageBlueprint.make({
  name: 'history',
  attachTo,
  params: {
    path: 'history',
    title: 'History',
    loader: () =>
      import('../components/HistoryTab/HistoryTab').then(m =>
        tab(<m.HistoryTab />),
      ),
  },
});
