import {
  JUMPCLOUD_SIGNAL_CHANNELS,
  type HistoryEntry,
  type SyncRun,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeJumpCloudApi,
  FakeSignalApi,
  fixtures,
  renderWithApis,
} from '../__testUtils__';
import { ConnectionsTab } from './ConnectionsTab/ConnectionsTab';
import { HistoryTab } from './HistoryTab/HistoryTab';

jest.setTimeout(20_000);

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

const runningEntry: HistoryEntry = {
  ...fixtures.failedHistoryEntry,
  id: 'h2',
  status: 'running',
  error: null,
  stage: null,
  finishedAt: null,
  durationMs: null,
};

const runningConnection = {
  ...fixtures.connection,
  lastRun: {
    ...fixtures.connection.lastRun!,
    id: 'run-2',
    status: 'running' as const,
  },
};

// Each view is told by signals when the app has the signals plugin, and
// polls (only then) when it has not.
describe('History', () => {
  it('refreshes when the backend signals, and does not poll', async () => {
    const signals = new FakeSignalApi();
    const answers = [
      fixtures.page([runningEntry]),
      fixtures.page([{ ...runningEntry, status: 'succeeded' as const }]),
    ];
    const api = createFakeJumpCloudApi({
      listHistory: jest.fn(async () => answers.shift() ?? answers[0]),
    });
    await renderWithApis(<HistoryTab refreshIntervalMs={100} />, {
      api,
      signalApi: signals,
    });
    expect(await screen.findByText('Running')).toBeInTheDocument();
    await sleep(500);
    expect(api.listHistory).toHaveBeenCalledTimes(1);

    act(() =>
      signals.emit(JUMPCLOUD_SIGNAL_CHANNELS.history, {
        kind: 'history',
        connectionId: 'c1',
        runId: 'run-2',
      }),
    );
    expect(await screen.findByText('Succeeded')).toBeInTheDocument();
    expect(api.listHistory).toHaveBeenCalledTimes(2);
  });

  it('polls while a run is going when the app has no signals', async () => {
    const api = createFakeJumpCloudApi({
      listHistory: jest.fn(async () => fixtures.page([runningEntry])),
    });
    await renderWithApis(<HistoryTab refreshIntervalMs={100} />, { api });
    await waitFor(() =>
      expect(api.listHistory.mock.calls.length).toBeGreaterThan(2),
    );
  });
});

describe('Connection cards', () => {
  it('refresh when the backend signals, and do not poll', async () => {
    const signals = new FakeSignalApi();
    const answers = [
      [fixtures.connection],
      [{ ...fixtures.connection, status: 'needs_attention' as const }],
    ];
    const api = createFakeJumpCloudApi({
      listConnections: jest.fn(async () => answers.shift() ?? answers[0]),
    });
    await renderWithApis(<ConnectionsTab refreshIntervalMs={100} />, {
      api,
      signalApi: signals,
    });
    expect(await screen.findByText('Healthy')).toBeInTheDocument();
    await sleep(500);
    expect(api.listConnections).toHaveBeenCalledTimes(1);

    act(() =>
      signals.emit(JUMPCLOUD_SIGNAL_CHANNELS.connections, {
        kind: 'connection',
        connectionId: 'c1',
        change: 'changed',
      }),
    );
    expect(await screen.findByText('Needs attention')).toBeInTheDocument();
  });

  it('poll while a run is going when the app has no signals', async () => {
    const api = createFakeJumpCloudApi({
      listConnections: jest.fn(async () => [runningConnection]),
    });
    await renderWithApis(<ConnectionsTab refreshIntervalMs={100} />, { api });
    await waitFor(() =>
      expect(api.listConnections.mock.calls.length).toBeGreaterThan(2),
    );
  });
});

describe('Sync now progress', () => {
  const finished: SyncRun = {
    ...fixtures.runningRun,
    status: 'succeeded',
    stage: null,
    finishedAt: '2026-11-23T11:00:42Z',
    durationMs: 42_000,
    counts: { systems: 60, users: 80 },
  };

  it('moves on when the run signals, and does not poll', async () => {
    const signals = new FakeSignalApi();
    const runs: SyncRun[] = [
      fixtures.runningRun, // read once on subscribing, to catch up
      { ...fixtures.runningRun, stage: 'evaluate' },
      finished,
    ];
    const api = createFakeJumpCloudApi({
      getRun: jest.fn(async () => runs.shift() ?? finished),
    });
    await renderWithApis(<ConnectionsTab />, { api, signalApi: signals });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Sync now: acme-production' }),
    );
    expect(
      await screen.findByText(/Stage 1 of 5: Fetching from JumpCloud/),
    ).toBeInTheDocument();
    const channel = JUMPCLOUD_SIGNAL_CHANNELS.run(fixtures.runningRun.id);
    await waitFor(() => expect(signals.channels()).toContain(channel));
    await waitFor(() => expect(api.getRun).toHaveBeenCalledTimes(1));
    // Longer than the fallback's one-second poll.
    await sleep(1500);
    expect(api.getRun).toHaveBeenCalledTimes(1);

    const signal = (status: SyncRun['status']) =>
      act(() =>
        signals.emit(channel, {
          kind: 'run',
          connectionId: 'c1',
          runId: fixtures.runningRun.id,
          status,
          stage: null,
        }),
      );
    signal('running');
    expect(
      await screen.findByText(/Stage 3 of 5: Evaluating checks/),
    ).toBeInTheDocument();
    signal('succeeded');
    expect(
      await screen.findByText(/Sync succeeded \(42s · systems 60, users 80\)/),
    ).toBeInTheDocument();
    // The run ended: the cards reload.
    await waitFor(() => expect(api.listConnections).toHaveBeenCalledTimes(2));
  });

  it('reads the run again when its signals fall silent (one lost while connecting)', async () => {
    const signals = new FakeSignalApi();
    const api = createFakeJumpCloudApi({
      getRun: jest.fn(async () => fixtures.runningRun),
    });
    await renderWithApis(<ConnectionsTab />, { api, signalApi: signals });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Sync now: acme-production' }),
    );
    await waitFor(() => expect(api.getRun).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(api.getRun).toHaveBeenCalledTimes(2), {
      timeout: 8000,
    });
  });
});
