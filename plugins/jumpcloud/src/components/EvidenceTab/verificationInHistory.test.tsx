import type { HistoryEntry } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeJumpCloudApi,
  fixtures,
  renderWithApis,
} from '../../__testUtils__';
import { HistoryTab } from '../HistoryTab/HistoryTab';

jest.setTimeout(20_000);

// What POST /evidence/verify keeps in History when the chain is broken.
const brokenVerification: HistoryEntry = {
  id: 'h-verify',
  connectionId: null,
  connectionName: 'All connections',
  action: 'evidence_verify',
  actor: 'user:development/guest',
  trigger: null,
  status: 'failed',
  startedAt: '2026-11-23T09:00:00.000Z',
  finishedAt: '2026-11-23T09:00:01.000Z',
  durationMs: 1000,
  counts: null,
  error: {
    kind: 'tampered',
    message:
      'Run run-1 (acme-production) no longer matches its seal: population devices is damaged (not valid gzip)',
  },
  stage: null,
  runId: 'run-1',
};

describe('an evidence verification in the History tab', () => {
  it('reads as who verified the chain, when, and which run breaks it', async () => {
    const api = createFakeJumpCloudApi({
      listHistory: async () => fixtures.page([brokenVerification]),
    });
    await renderWithApis(<HistoryTab refreshIntervalMs={60_000} />, { api });
    expect(
      await screen.findByText('Verify evidence chain'),
    ).toBeInTheDocument();
    expect(screen.getByText('All connections')).toBeInTheDocument();
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText('user:development/guest')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Detail panel visiblity toggle' }),
    );
    expect(
      await screen.findByText(
        /Run run-1 \(acme-production\) no longer matches its seal/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Kind: tampered/)).toBeInTheDocument();
  });
});
