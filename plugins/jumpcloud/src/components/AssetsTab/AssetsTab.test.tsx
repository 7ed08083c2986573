import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeJumpCloudApi, renderWithApis } from '../../__testUtils__';
import { AssetsTab } from './AssetsTab';

jest.setTimeout(20_000);

describe('AssetsTab', () => {
  it('lists devices linked to their catalog entities, then users', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(<AssetsTab />, { api });

    expect(
      await screen.findByRole('link', { name: 'alice-macbook' }),
    ).toHaveAttribute('href', '/catalog/default/resource/alice-macbook');
    expect(screen.getByText('Mac OS X 14.5')).toBeInTheDocument();
    expect(api.listDevices).toHaveBeenCalledWith(
      expect.objectContaining({ limit: 25, offset: 0 }),
    );

    await userEvent.click(screen.getByRole('tab', { name: 'Users' }));
    expect(
      await screen.findByRole('link', { name: 'Alice Example' }),
    ).toHaveAttribute('href', '/catalog/default/user/alice');
    expect(screen.getByText('sudo on bound devices')).toBeInTheDocument();
    expect(api.listUsers).toHaveBeenCalled();
  });
});
