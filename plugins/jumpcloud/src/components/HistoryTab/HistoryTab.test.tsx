import type { HistoryEntry } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeJumpCloudApi,
  fixtures,
  renderWithApis,
} from '../../__testUtils__';
import { HistoryTab } from './HistoryTab';

jest.setTimeout(20_000);

const running: HistoryEntry = {
  ...fixtures.failedHistoryEntry,
  id: 'h2',
  status: 'running',
  trigger: 'manual',
  actor: 'user:default/guest',
  error: null,
  stage: 'fetch',
  finishedAt: null,
  durationMs: null,
  counts: null,
};

describe('HistoryTab', () => {
  it('lists actions with status, trigger, who, duration and counts', async () => {
    const api = createFakeJumpCloudApi({
      listHistory: async () =>
        fixtures.page([running, fixtures.failedHistoryEntry]),
    });
    await renderWithApis(<HistoryTab refreshIntervalMs={60_000} />, { api });
    expect(await screen.findByText('Failed')).toBeInTheDocument();
    expect(screen.getByText('Running')).toBeInTheDocument();
    expect(screen.getByText('Scheduled')).toBeInTheDocument();
    expect(
      screen.getByText('Manual by user:default/guest'),
    ).toBeInTheDocument();
    expect(screen.getByText('5s')).toBeInTheDocument();
    expect(screen.getByText('0 devices')).toBeInTheDocument();
    expect(api.listHistory).toHaveBeenCalledWith({ limit: 25, offset: 0 });
  });

  it('expands a row to the error and the stage it failed in', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(<HistoryTab />, { api });
    await screen.findByText('Failed');
    await userEvent.click(
      screen.getByRole('button', { name: 'Detail panel visiblity toggle' }),
    );
    expect(
      await screen.findByText(
        /Failed in stage “fetch” \(Fetching from JumpCloud\)/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The API key was revoked or has expired'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Kind: revoked_key · HTTP 401/),
    ).toBeInTheDocument();
  });

  it('refreshes itself while a run is going, and stops after', async () => {
    const answers = [
      fixtures.page([running]),
      fixtures.page([
        { ...running, status: 'succeeded' as const, durationMs: 42_000 },
      ]),
    ];
    const api = createFakeJumpCloudApi({
      listHistory: async () => answers.shift() ?? fixtures.page([]),
    });
    await renderWithApis(<HistoryTab refreshIntervalMs={200} />, { api });
    expect(await screen.findByText('Running')).toBeInTheDocument();
    expect(
      await screen.findByText('Succeeded', undefined, { timeout: 5000 }),
    ).toBeInTheDocument();
    const calls = api.listHistory.mock.calls.length;
    await new Promise(resolve => setTimeout(resolve, 600));
    expect(api.listHistory.mock.calls.length).toBe(calls);
  });

  it('says so when nothing has happened yet', async () => {
    const api = createFakeJumpCloudApi({
      listHistory: async () => fixtures.page([]),
    });
    await renderWithApis(<HistoryTab />, { api });
    expect(
      await screen.findByText('Nothing has happened yet.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.listHistory).toHaveBeenCalledTimes(1));
  });

  it('sums up counts in the row and labels every data type in the expanded row', async () => {
    const synced: HistoryEntry = {
      ...fixtures.failedHistoryEntry,
      status: 'succeeded',
      error: null,
      stage: null,
      runId: null,
      counts: {
        systems: 1200,
        users: 1,
        userGroupMembers: 159,
        systemGroups: 7,
      },
      findingChanges: { opened: 3, resolved: 1 },
    };
    const api = createFakeJumpCloudApi({
      listHistory: async () => fixtures.page([synced]),
    });
    await renderWithApis(<HistoryTab />, { api });
    expect(
      await screen.findByText(
        '1,200 devices · 1 user · 3 findings opened · 1 resolved · 2 more types',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/userGroupMembers/)).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Detail panel visiblity toggle' }),
    );
    const table = await screen.findByRole('table', { name: 'Counts' });
    const rows = within(table)
      .getAllByRole('row')
      .map(row => row.textContent);
    expect(rows).toEqual([
      'DataCount',
      'Device groups7',
      'Devices1,200',
      'User group members159',
      'Users1',
    ]);
  });

  it('says which risk was accepted, with the whole text on hover', async () => {
    const detail =
      'Accepted the risk of USR-06 (No passwordless sudo) for entity u1 until 2027-01-05T00:00:00.000Z, owned by alice@example.com: CI runner';
    const accepted: HistoryEntry = {
      ...fixtures.failedHistoryEntry,
      action: 'exception_create',
      status: 'succeeded',
      error: null,
      stage: null,
      runId: null,
      counts: null,
      detail,
    };
    const api = createFakeJumpCloudApi({
      listHistory: async () => fixtures.page([accepted]),
    });
    await renderWithApis(<HistoryTab />, { api });
    expect(await screen.findByText('Accept risk')).toBeInTheDocument();
    expect(screen.getByText(detail)).toHaveAttribute('title', detail);
  });
});
