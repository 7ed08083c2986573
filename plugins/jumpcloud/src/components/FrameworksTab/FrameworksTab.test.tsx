import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { createFakeJumpCloudApi, renderWithApis } from '../../__testUtils__';
import { checksSummary } from '../ChecksTab/__fixtures__/checksSummary';
import { downloadBlob } from '../shared/download';
import { FrameworksTab } from './FrameworksTab';

// jsdom cannot follow the download link.
jest.mock('../shared/download', () => ({ downloadBlob: jest.fn() }));

const render = (query = '') => {
  const api = createFakeJumpCloudApi({
    getChecksSummary: async () => checksSummary,
  });
  return renderWithApis(<FrameworksTab />, {
    api,
    routeEntries: [`/jumpcloud/frameworks${query}`],
  }).then(() => api);
};

describe('FrameworksTab', () => {
  it('opens a deep-linked control with its checks, their status and its failing findings', async () => {
    await render('?framework=soc2&control=CC6.1');

    const table = await screen.findByRole('table', {
      name: 'Checks mapped to SOC 2 CC6.1',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByText(/^[A-Z]+-\d+$/)[0].textContent),
    ).toEqual(['DEV-01', 'USR-01', 'DEV-09']);
    expect(within(rows[0]).getByText('Failing')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Switched off')).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: '3 failing results: show the open findings of CC6.1',
      }),
    ).toHaveAttribute(
      'href',
      '/jumpcloud/findings?framework=soc2%3ACC6.1&status=open',
    );
  });

  it('lists the controls of the chosen framework; one click opens a control', async () => {
    await render();
    const controls = await screen.findByRole('list', { name: 'Controls' });
    expect(
      within(controls)
        .getAllByRole('button')
        .map(b => b.textContent),
    ).toEqual([
      expect.stringMatching(/^CC6\.1/),
      expect.stringMatching(/^CC6\.7/),
    ]);
    expect(screen.getByText('Choose a control')).toBeInTheDocument();

    fireEvent.click(within(controls).getByText('CC6.7'));
    expect(
      await screen.findByRole('table', {
        name: 'Checks mapped to SOC 2 CC6.7',
      }),
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('tab', { name: 'CIS Controls v8' }));
    const cis = await screen.findByRole('list', { name: 'Controls' });
    expect(within(cis).getByText('3.6')).toBeInTheDocument();
    expect(within(cis).getByText('5.2')).toBeInTheDocument();
    expect(screen.getByText('Choose a control')).toBeInTheDocument();
  });

  it('says so when no check maps to the requested control', async () => {
    await render('?framework=nist&control=AC-99');
    expect(
      await screen.findByText('Warning: No check maps to AC-99 in NIST'),
    ).toBeInTheDocument();
  });

  it("exports the framework's request list as CSV", async () => {
    const api = await render('?framework=iso27001');
    fireEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    expect(api.exportFrameworksCsv).toHaveBeenCalledWith({
      framework: 'iso27001',
    });
    await waitFor(() =>
      expect(downloadBlob).toHaveBeenCalledWith(
        expect.any(Blob),
        'jumpcloud-iso27001-controls.csv',
      ),
    );
  });
});
