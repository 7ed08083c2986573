import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeJumpCloudApi,
  fixtures,
  renderWithApis,
} from '../../__testUtils__';
import { FindingsTab } from './FindingsTab';

// Material-table renders are heavy on a shared CI machine.
jest.setTimeout(20_000);

describe('FindingsTab', () => {
  it('loads the first page from the server with the URL filters', async () => {
    const api = createFakeJumpCloudApi({
      listFindings: async () => fixtures.page([fixtures.finding], 1234),
    });
    await renderWithApis(<FindingsTab />, {
      api,
      routeEntries: ['/?severity=high&status=open'],
    });

    expect(await screen.findByText('alice-macbook')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Disk encryption enabled' }),
    ).toBeInTheDocument();
    expect(api.listFindings).toHaveBeenCalledWith(
      expect.objectContaining({
        severity: 'high',
        status: 'open',
        limit: 25,
        offset: 0,
      }),
    );
    // The pager shows the server's total, not the rows loaded.
    expect(screen.getAllByText(/of 1234/).length).toBeGreaterThan(0);
    expect(screen.getByRole('link', { name: 'alice-macbook' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/alice-macbook',
    );
  });

  it('filters on the assets a notification links to, until that filter is cleared', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(<FindingsTab />, {
      api,
      routeEntries: ['/?connectionId=c1&status=open&entityId=sys1%2Csys2'],
    });
    await screen.findByText('alice-macbook');
    expect(api.listFindings).toHaveBeenCalledWith(
      expect.objectContaining({ entityId: 'sys1,sys2', status: 'open' }),
    );
    const chip = screen.getByRole('button', { name: 'Filtered to 2 assets' });
    chip.focus();
    await userEvent.keyboard('{Backspace}');
    await waitFor(() =>
      expect(api.listFindings).toHaveBeenLastCalledWith(
        expect.not.objectContaining({ entityId: expect.anything() }),
      ),
    );
    expect(screen.queryByText('Filtered to 2 assets')).not.toBeInTheDocument();
  });

  it('refetches page one when a filter changes', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(<FindingsTab />, { api });
    await screen.findByText('alice-macbook');

    await userEvent.click(screen.getByLabelText('Framework'));
    await userEvent.click(await screen.findByRole('option', { name: 'SOC 2' }));

    await waitFor(() =>
      expect(api.listFindings).toHaveBeenLastCalledWith(
        expect.objectContaining({ framework: 'soc2', offset: 0 }),
      ),
    );
  });

  it('opens the detail panel with evidence, remediation and frameworks', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(<FindingsTab />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Disk encryption enabled' }),
    );

    const panel = await screen.findByRole('dialog', {
      name: 'Disk encryption enabled',
    });
    expect(within(panel).getByText('systems.fde.active')).toBeInTheDocument();
    expect(within(panel).getByText('false')).toBeInTheDocument();
    expect(
      within(panel).getByText(/Enable FileVault or BitLocker/),
    ).toBeInTheDocument();
    expect(within(panel).getByText(/CC6\.1/)).toBeInTheDocument();
    expect(
      within(panel).getByRole('link', { name: 'alice-macbook' }),
    ).toBeInTheDocument();
  });

  it('accepts a risk with owner, reason and expiry', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(<FindingsTab />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Disk encryption enabled' }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Accept risk' }),
    );

    const dialog = await screen.findByRole('dialog', { name: 'Accept risk' });
    const submit = within(dialog).getByRole('button', { name: 'Accept risk' });
    expect(submit).toBeDisabled();
    await userEvent.click(within(dialog).getByLabelText(/Owner/));
    await userEvent.paste('alice');
    await userEvent.click(within(dialog).getByLabelText(/Reason/));
    await userEvent.paste('Laptop is being replaced');
    await userEvent.click(submit);

    await waitFor(() => expect(api.createException).toHaveBeenCalledTimes(1));
    const input = api.createException.mock.calls[0][0];
    expect(input).toMatchObject({
      connectionId: 'c1',
      checkId: 'device.fde',
      entityId: 'sys-1',
      owner: 'alice',
      reason: 'Laptop is being replaced',
    });
    // Default expiry: 90 days ahead, at the end of that day.
    const days = (Date.parse(input.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThan(92);
    // The table reloads so the finding shows its new status.
    await waitFor(() => expect(api.listFindings).toHaveBeenCalledTimes(2));
  });

  it('does not offer risk acceptance without the manage permission', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(<FindingsTab />, { api, canManage: false });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Disk encryption enabled' }),
    );
    await screen.findByRole('dialog', { name: 'Disk encryption enabled' });
    expect(
      screen.queryByRole('button', { name: 'Accept risk' }),
    ).not.toBeInTheDocument();
  });

  it('exports the filtered findings as CSV', async () => {
    const api = createFakeJumpCloudApi();
    const createObjectURL = jest.fn(() => 'blob:findings');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    await renderWithApis(<FindingsTab />, {
      api,
      routeEntries: ['/?checkId=device.fde'],
    });
    await screen.findByText('alice-macbook');
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(api.exportFindingsCsv).toHaveBeenCalledWith({
        checkId: 'device.fde',
      }),
    );
    expect(createObjectURL).toHaveBeenCalled();
  });
});
