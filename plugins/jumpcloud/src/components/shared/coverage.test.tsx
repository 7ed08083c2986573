import type {
  HistoryEntry,
  RunCoverage,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeJumpCloudApi,
  fixtures,
  renderWithApis,
} from '../../__testUtils__';
import { ConnectionsTab } from '../ConnectionsTab/ConnectionsTab';
import { HistoryTab } from '../HistoryTab/HistoryTab';
import { OverviewTab } from '../OverviewTab/OverviewTab';

jest.setTimeout(20_000);

/** A plan without Directory Insights and Conditional Access; admins failed. */
const coverage: RunCoverage = {
  systems: { state: 'complete' },
  users: { state: 'complete' },
  directoryEvents: {
    state: 'not_in_plan',
    error: { kind: 'not_enabled', message: 'Payment Required', status: 402 },
  },
  authnPolicies: {
    state: 'not_in_plan',
    error: { kind: 'not_enabled', message: 'Payment Required', status: 402 },
  },
  admins: {
    state: 'failed',
    error: { kind: 'unavailable', message: 'JumpCloud answered 503' },
    keptFromRunId: 'run-0',
  },
};

describe('coverage in the UI', () => {
  it('the connection card names what the connection cannot read, and why', async () => {
    const api = createFakeJumpCloudApi({
      listConnections: async () => [{ ...fixtures.connection, coverage }],
    });
    await renderWithApis(<ConnectionsTab />, { api });
    const list = await screen.findByLabelText('Data read by the sync');
    const items = within(list).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'Administrators: Failed this run — JumpCloud answered 503 (last complete value kept)',
      'Conditional Access policies: Not in plan — Payment Required',
      'Directory Insights: Not in plan — Payment Required',
    ]);
  });

  it('a connection that reads everything shows no coverage list', async () => {
    const api = createFakeJumpCloudApi({
      listConnections: async () => [
        {
          ...fixtures.connection,
          coverage: { systems: { state: 'complete' } },
        },
      ],
    });
    await renderWithApis(<ConnectionsTab />, { api });
    await screen.findByText('acme-production');
    expect(
      screen.queryByLabelText('Data read by the sync'),
    ).not.toBeInTheDocument();
  });

  it("History's run detail shows every data type's state", async () => {
    const partial: HistoryEntry = {
      ...fixtures.failedHistoryEntry,
      status: 'partial',
      stage: null,
      error: {
        kind: 'unavailable',
        message:
          'Last sync could not read Administrators (JumpCloud answered 503); their last complete values are kept',
      },
      runId: 'run-7',
    };
    const api = createFakeJumpCloudApi({
      listHistory: async () => fixtures.page([partial]),
      getRun: async id => ({ ...fixtures.runningRun, id, coverage }),
    });
    await renderWithApis(<HistoryTab refreshIntervalMs={60_000} />, { api });
    expect(await screen.findByText('Applied with gaps')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Detail panel visiblity toggle' }),
    );
    expect(
      await screen.findByText('Data read: 2 of 5 data types read completely'),
    ).toBeInTheDocument();
    expect(api.getRun).toHaveBeenCalledWith('run-7');
    expect(
      screen.getByText(/^Applied with gaps: the data below/),
    ).toBeVisible();
    expect(screen.getAllByText('Complete')).toHaveLength(2);
    expect(screen.getAllByText('Not in plan')).toHaveLength(2);
    expect(screen.getByText('Failed this run')).toBeInTheDocument();
  });

  it('the Overview says how many checks could not be evaluated, and why', async () => {
    const reason =
      "Directory Insights is not included in this organisation's plan";
    const api = createFakeJumpCloudApi({
      getPosture: async () => ({
        ...fixtures.posture,
        unevaluatedChecks: [
          {
            connectionId: 'c1',
            checkId: 'USR-04',
            missing: ['directoryEvents'],
            reason,
          },
          {
            connectionId: 'c1',
            checkId: 'GRP-03',
            missing: ['directoryEvents'],
            reason,
          },
        ],
      }),
    });
    await renderWithApis(<OverviewTab />, { api });
    expect(
      await screen.findByText(/2 checks could not be evaluated/),
    ).toBeInTheDocument();
    expect(screen.getByText(`${reason}: USR-04, GRP-03`)).toBeInTheDocument();
  });
});
