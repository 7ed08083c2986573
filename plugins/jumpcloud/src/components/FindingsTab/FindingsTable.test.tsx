import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeJumpCloudApi,
  fixtures,
  renderWithApis,
} from '../../__testUtils__';
import { JumpCloudClient } from '../../api';
import { firstPageQuery } from './firstPage';
import { FindingsTable } from './FindingsTable';

jest.setTimeout(20_000);

const noFilters = {};

describe('FindingsTable', () => {
  it('sorts on the server: ascending, descending, then the default order', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(
      <FindingsTable filters={noFilters} reloadKey={0} onOpen={jest.fn()} />,
      { api },
    );
    await screen.findByText('alice-macbook');
    const header = screen.getByRole('button', { name: 'Last seen' });

    await userEvent.click(header);
    await waitFor(() =>
      expect(api.listFindings).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'lastSeenAt', order: 'asc' }),
      ),
    );
    await userEvent.click(header);
    await waitFor(() =>
      expect(api.listFindings).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'lastSeenAt', order: 'desc' }),
      ),
    );
    expect(
      screen.getByRole('columnheader', { name: /Last seen/ }),
    ).toHaveAttribute('aria-sort', 'descending');
    await userEvent.click(header);
    await waitFor(() =>
      expect(api.listFindings).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: undefined, order: undefined }),
      ),
    );
    // The check title sorts by id on the server: not offered.
    expect(
      screen.queryByRole('button', { name: 'Check' }),
    ).not.toBeInTheDocument();
  });

  it('searches on the server once typing settles, from page one', async () => {
    jest.useFakeTimers();
    try {
      const api = createFakeJumpCloudApi({
        listFindings: async () => fixtures.page([fixtures.finding], 60),
      });
      await renderWithApis(
        <FindingsTable filters={noFilters} reloadKey={0} onOpen={jest.fn()} />,
        { api },
      );
      await screen.findByText('alice-macbook');
      fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
      await waitFor(() =>
        expect(api.listFindings).toHaveBeenLastCalledWith(
          expect.objectContaining({ offset: 25, limit: 25 }),
        ),
      );
      const calls = api.listFindings.mock.calls.length;

      fireEvent.change(screen.getByLabelText('Search findings'), {
        target: { value: 'mac' },
      });
      act(() => jest.advanceTimersByTime(100));
      expect(api.listFindings).toHaveBeenCalledTimes(calls);
      act(() => jest.advanceTimersByTime(400));
      await waitFor(() =>
        expect(api.listFindings).toHaveBeenLastCalledWith(
          expect.objectContaining({ q: 'mac', offset: 0 }),
        ),
      );
    } finally {
      jest.useRealTimers();
    }
  });

  it('says when nothing matches', async () => {
    const api = createFakeJumpCloudApi({
      listFindings: async () => fixtures.page([], 0),
    });
    await renderWithApis(
      <FindingsTable filters={noFilters} reloadKey={0} onOpen={jest.fn()} />,
      { api },
    );
    expect(
      await screen.findByText('No findings match these filters.'),
    ).toBeInTheDocument();
  });

  it('opens a finding from its row', async () => {
    const api = createFakeJumpCloudApi();
    const onOpen = jest.fn();
    await renderWithApis(
      <FindingsTable filters={noFilters} reloadKey={0} onOpen={onOpen} />,
      { api },
    );
    await screen.findByText('alice-macbook');
    // Anywhere on the row but its links.
    await userEvent.click(screen.getAllByRole('row')[1]);
    expect(onOpen).toHaveBeenCalledWith(
      expect.objectContaining({ id: fixtures.finding.id }),
    );
  });

  /** A real API client whose backend answers every findings page with one row named after the request. */
  function clientAnsweringFindings() {
    const fetch = jest.fn(async (url: string) => ({
      ok: true,
      json: async () =>
        fixtures.page([{ ...fixtures.finding, entityName: `answer ${url}` }]),
    }));
    const client = new JumpCloudClient({
      discoveryApi: { getBaseUrl: async () => '/api/jumpcloud' },
      fetchApi: { fetch: fetch as unknown as typeof window.fetch },
    });
    const api = createFakeJumpCloudApi({
      listFindings: query => client.listFindings(query),
    });
    return { client, api, fetch };
  }

  it('uses the first page prefetched for the same query, once', async () => {
    const { client, api, fetch } = clientAnsweringFindings();
    client.prefetchFindings(
      firstPageQuery('?severity=high&checkId=device.fde'),
    );
    await renderWithApis(
      <FindingsTable
        filters={{ checkId: 'device.fde', severity: 'high' }}
        reloadKey={0}
        onOpen={jest.fn()}
      />,
      { api },
    );
    expect(
      await screen.findByText(
        'answer /api/jumpcloud/findings?severity=high&checkId=device.fde&limit=25&offset=0',
      ),
    ).toBeInTheDocument();
    expect(api.listFindings).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('ignores a prefetched page for another query', async () => {
    const { client, api, fetch } = clientAnsweringFindings();
    client.prefetchFindings(firstPageQuery('?severity=low'));
    await renderWithApis(
      <FindingsTable
        filters={{ severity: 'high' }}
        reloadKey={0}
        onOpen={jest.fn()}
      />,
      { api },
    );
    await screen.findByText(
      'answer /api/jumpcloud/findings?severity=high&limit=25&offset=0',
    );
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
