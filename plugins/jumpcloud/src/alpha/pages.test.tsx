import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { PreloadJumpCloudPage } from './pages';

const loaded = jest.fn();
jest.mock('../components/JumpCloudPage/JumpCloudTabs', () => {
  loaded();
  return { JumpCloudTabs: () => null };
});

describe('PreloadJumpCloudPage', () => {
  beforeEach(() => {
    jest.resetModules();
    loaded.mockClear();
  });

  it('does not load the page elsewhere', async () => {
    render(
      <MemoryRouter initialEntries={['/catalog']}>
        <PreloadJumpCloudPage />
      </MemoryRouter>,
    );
    await new Promise(r => setTimeout(r, 50));
    expect(loaded).not.toHaveBeenCalled();
  });

  it('starts loading the page when the app opens on it', async () => {
    render(
      <MemoryRouter initialEntries={['/jumpcloud/findings?severity=high']}>
        <PreloadJumpCloudPage />
      </MemoryRouter>,
    );
    await new Promise(r => setTimeout(r, 50));
    expect(loaded).toHaveBeenCalledTimes(1);
  });
});
