import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeJumpCloudApi, renderWithApis } from '../../__testUtils__';
import { JumpCloudPage } from './JumpCloudPage';

jest.setTimeout(20_000);

describe('JumpCloudPage (legacy frontend system)', () => {
  it('shows the Overview first and switches tabs by route', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(<JumpCloudPage />, { api });

    expect(await screen.findByText('Posture trend')).toBeInTheDocument();
    for (const tab of [
      'Overview',
      'Findings',
      'Assets',
      'Connections',
      'History',
      'Evidence',
    ]) {
      expect(screen.getByRole('tab', { name: tab })).toBeInTheDocument();
    }
    await userEvent.click(screen.getByRole('tab', { name: 'History' }));
    expect(
      await screen
        .findByText('The API key was revoked or has expired', {
          exact: false,
        })
        .catch(() => screen.findByText('Failed')),
    ).toBeInTheDocument();
    expect(api.listHistory).toHaveBeenCalled();
  });

  it('opens the Evidence tab with the sealed runs and the chain verification', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(<JumpCloudPage />, { api });
    await userEvent.click(await screen.findByRole('tab', { name: 'Evidence' }));
    expect(
      await screen.findByRole('button', { name: 'Verify chain' }),
    ).toBeInTheDocument();
    expect(api.listEvidence).toHaveBeenCalled();
  });
});
