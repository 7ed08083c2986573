import { TestApiProvider } from '@backstage/frontend-test-utils';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { jumpcloudApiRef } from '../api';
import { createFakeJumpCloudApi } from '../__testUtils__';
import { PreloadJumpCloudPage } from './pages';

const loaded = jest.fn();
jest.mock('../components/JumpCloudPage/JumpCloudTabs', () => {
  loaded('tabs');
  return { JumpCloudTabs: () => null };
});
jest.mock('../components/OverviewTab/OverviewTab', () => {
  loaded('overview');
  return { OverviewTab: () => null };
});
jest.mock('../components/FindingsTab/FindingsTab', () => {
  loaded('findings');
  return { FindingsTab: () => null };
});
jest.mock('../components/AssetsTab/AssetsTab', () => {
  loaded('assets');
  return { AssetsTab: () => null };
});

let api = createFakeJumpCloudApi();

async function openAt(path: string) {
  render(
    <TestApiProvider apis={[[jumpcloudApiRef, api]]}>
      <MemoryRouter initialEntries={[path]}>
        <PreloadJumpCloudPage />
      </MemoryRouter>
    </TestApiProvider>,
  );
  await new Promise(r => setTimeout(r, 50));
  return loaded.mock.calls.map(([name]) => name).sort();
}

describe('PreloadJumpCloudPage', () => {
  beforeEach(() => {
    jest.resetModules();
    loaded.mockClear();
    api = createFakeJumpCloudApi();
  });

  it('does not load the page elsewhere', async () => {
    expect(await openAt('/catalog')).toEqual([]);
    expect(api.prefetchFindings).not.toHaveBeenCalled();
  });

  it('loads the page and the tab its path shows when the app opens on it', async () => {
    expect(await openAt('/jumpcloud/findings?severity=high')).toEqual([
      'findings',
      'tabs',
    ]);
    // The Findings tab's first page, with the URL's filters, requested
    // through the API client (which hands it to the table).
    expect(api.prefetchFindings).toHaveBeenCalledTimes(1);
    expect(api.prefetchFindings).toHaveBeenCalledWith({
      severity: 'high',
      limit: 25,
      offset: 0,
    });
  });

  it('loads the Overview for the page itself', async () => {
    expect(await openAt('/jumpcloud')).toEqual(['overview', 'tabs']);
    expect(api.prefetchFindings).not.toHaveBeenCalled();
  });
});
