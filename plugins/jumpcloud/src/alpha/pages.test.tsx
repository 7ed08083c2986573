import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
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

async function openAt(path: string) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <PreloadJumpCloudPage />
    </MemoryRouter>,
  );
  await new Promise(r => setTimeout(r, 50));
  return loaded.mock.calls.map(([name]) => name).sort();
}

describe('PreloadJumpCloudPage', () => {
  beforeEach(() => {
    jest.resetModules();
    loaded.mockClear();
  });

  it('does not load the page elsewhere', async () => {
    expect(await openAt('/catalog')).toEqual([]);
  });

  it('loads the page and the tab its path shows when the app opens on it', async () => {
    expect(await openAt('/jumpcloud/findings?severity=high')).toEqual([
      'findings',
      'tabs',
    ]);
  });

  it('loads the Overview for the page itself', async () => {
    expect(await openAt('/jumpcloud')).toEqual(['overview', 'tabs']);
  });
});
