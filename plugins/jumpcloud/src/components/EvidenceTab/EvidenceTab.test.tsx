import type {
  EvidenceRun,
  EvidenceVerification,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import {
  createFakeJumpCloudApi,
  fixtures,
  renderWithApis,
} from '../../__testUtils__';
import { downloadBlob } from '../shared/download';
import { EvidenceTab } from './EvidenceTab';

jest.setTimeout(20_000);
jest.mock('../shared/download', () => ({ downloadBlob: jest.fn() }));

const older: EvidenceRun = {
  runId: 'run-1',
  connectionId: 'c1',
  connectionName: 'acme-production',
  orgId: 'org-1',
  startedAt: '2026-11-20T09:58:00.000Z',
  finishedAt: '2026-11-20T10:00:00.000Z',
  counts: { systems: 60, users: 80 },
  resultsSummary: {
    pass: 10,
    fail: 2,
    unknown: 0,
    not_applicable: 0,
    excepted: 0,
  },
  hashes: { devices: 'd'.repeat(64) },
  previousHash: null,
  hash: 'a1b2c3d4e5f6'.padEnd(64, '0'),
  sealedAt: '2026-11-20T10:00:01.000Z',
  coverage: {
    dataTypes: {
      systems: { state: 'complete' },
      users: { state: 'complete' },
      appleMdms: {
        state: 'not_in_plan',
        error: { kind: 'not_enabled', message: 'Apple MDM is not in the plan' },
      },
    },
    evaluatedCheckIds: [],
    unevaluatedChecks: [],
  },
  populationCounts: { devices: 60, users: 80, admins: 3, groups: 7 },
  openFindings: 12,
  prunedAt: null,
  prunedReason: null,
};
const newer: EvidenceRun = {
  ...older,
  runId: 'run-2',
  previousHash: older.hash,
  hash: 'ffeeddccbbaa'.padEnd(64, '1'),
  sealedAt: '2026-11-21T10:00:01.000Z',
  coverage: undefined,
  populationCounts: { devices: 61, users: 81, admins: 4 },
  openFindings: 9,
};

const broken: EvidenceVerification = {
  ok: false,
  checkedRuns: 1,
  firstTamperedRunId: 'run-1',
  reason: 'population devices is damaged (not valid gzip)',
  connections: [
    {
      connectionId: 'c1',
      connectionName: 'acme-production',
      checkedRuns: 1,
      lastVerifiedRunId: null,
      lastVerifiedSealedAt: null,
      tamperedRunId: 'run-1',
      tamperedSealedAt: older.sealedAt,
      reason: 'population devices is damaged (not valid gzip)',
    },
  ],
  verifiedBy: 'user:default/guest',
  verifiedAt: '2026-11-22T08:00:00.000Z',
};

function apiWithRuns() {
  return createFakeJumpCloudApi({
    listEvidence: async () => fixtures.page([newer, older]),
  });
}

const rowOf = (runId: string) =>
  document.querySelector(`tr[data-run-id="${runId}"]`) as HTMLElement;

describe('EvidenceTab', () => {
  it('lists sealed runs newest first with coverage, populations, open findings and the chain link', async () => {
    const api = apiWithRuns();
    await renderWithApis(<EvidenceTab />, { api });
    expect(await screen.findByText('Run run-2')).toBeInTheDocument();
    expect(api.listEvidence).toHaveBeenCalledWith({ limit: 10, offset: 0 });
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map(r => r.getAttribute('data-run-id'))).toEqual([
      'run-2',
      'run-1',
    ]);
    const first = within(rowOf('run-1'));
    expect(first.getByText('2 of 3 data types read completely')).toBeVisible();
    expect(first.getByText(/Apple MDM is not in the plan/)).toBeVisible();
    expect(first.getByText('60 devices')).toBeVisible();
    expect(first.getByText('80 users')).toBeVisible();
    expect(first.getByText('3 admins')).toBeVisible();
    expect(first.getByText('12')).toBeVisible();
    expect(first.getByText('first of its chain')).toBeVisible();
    const second = within(rowOf('run-2'));
    expect(second.getByText('ffeeddccbbaa')).toBeVisible();
    // The newer run points at the older one's hash.
    expect(second.getByText('a1b2c3d4e5f6')).toHaveAttribute(
      'title',
      older.hash,
    );
    expect(second.getByText(/sealed before coverage was kept/)).toBeVisible();
  });

  it('shows a verified chain up to the newest run, by whom and when', async () => {
    const api = apiWithRuns();
    api.verifyEvidence.mockResolvedValue({
      ...broken,
      ok: true,
      checkedRuns: 2,
      firstTamperedRunId: null,
      reason: null,
      connections: [
        {
          ...broken.connections[0],
          checkedRuns: 2,
          lastVerifiedRunId: 'run-2',
          lastVerifiedSealedAt: newer.sealedAt,
          tamperedRunId: null,
          tamperedSealedAt: null,
          reason: null,
        },
      ],
    });
    await renderWithApis(<EvidenceTab />, { api });
    await screen.findByText('Run run-2');
    await userEvent.click(screen.getByRole('button', { name: 'Verify chain' }));
    const verdict = await screen.findByTestId('evidence-verdict');
    expect(verdict).toHaveTextContent(
      'Verified: all 2 sealed runs match their seals and chain.',
    );
    expect(verdict).toHaveTextContent('verified up to run run-2');
    expect(verdict).toHaveTextContent('Verified by user:default/guest');
    expect(within(rowOf('run-1')).getByText('Verified')).toBeVisible();
    expect(within(rowOf('run-2')).getByText('Verified')).toBeVisible();
  });

  it('names the run that breaks the chain and why, and marks the rows', async () => {
    const api = apiWithRuns();
    api.verifyEvidence.mockResolvedValue(broken);
    await renderWithApis(<EvidenceTab />, { api });
    await screen.findByText('Run run-2');
    await userEvent.click(screen.getByRole('button', { name: 'Verify chain' }));
    const verdict = await screen.findByTestId('evidence-verdict');
    expect(verdict).toHaveTextContent(
      /Chain broken at run run-1 \(acme-production, sealed .*\): population devices is damaged \(not valid gzip\)\./,
    );
    expect(within(rowOf('run-1')).getByText('Breaks the chain')).toBeVisible();
    expect(within(rowOf('run-2')).getByText('After the break')).toBeVisible();
  });

  it('says why a verification could not run', async () => {
    const api = apiWithRuns();
    api.verifyEvidence.mockRejectedValue(new Error('Not allowed'));
    await renderWithApis(<EvidenceTab />, { api });
    await screen.findByText('Run run-2');
    await userEvent.click(screen.getByRole('button', { name: 'Verify chain' }));
    expect(
      await screen.findByText('Verification failed: Not allowed'),
    ).toBeInTheDocument();
  });

  it('asks for the runs in force at the end of a picked day', async () => {
    const api = apiWithRuns();
    await renderWithApis(<EvidenceTab />, { api });
    await screen.findByText('Run run-2');
    fireEvent.change(screen.getByLabelText('As of'), {
      target: { value: '2026-11-20' },
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Show runs in force' }),
    );
    const endOfDay = DateTime.fromISO('2026-11-20')
      .endOf('day')
      .toUTC()
      .toISO();
    await waitFor(() =>
      expect(api.listEvidence).toHaveBeenLastCalledWith({
        limit: 10,
        offset: 0,
        asOf: endOfDay,
      }),
    );
    expect(
      await screen.findByText(/Runs in force on .*, one per connection/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show all runs' }),
    );
    await waitFor(() =>
      expect(api.listEvidence).toHaveBeenLastCalledWith({
        limit: 10,
        offset: 0,
      }),
    );
  });

  it('downloads a run as JSON or as a CSV zip through the export route', async () => {
    const api = apiWithRuns();
    await renderWithApis(<EvidenceTab />, { api });
    await screen.findByText('Run run-2');
    await userEvent.click(
      screen.getByRole('button', { name: 'Download run run-1 as CSV zip' }),
    );
    await waitFor(() =>
      expect(api.exportEvidence).toHaveBeenCalledWith('run-1', 'csv'),
    );
    await waitFor(() =>
      expect(downloadBlob).toHaveBeenCalledWith(
        expect.any(Blob),
        'jumpcloud-evidence-run-1.zip',
      ),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Download run run-2 as JSON' }),
    );
    await waitFor(() =>
      expect(api.exportEvidence).toHaveBeenCalledWith('run-2', 'json'),
    );
  });

  it('shows a run pruned by policy without downloads, and verify counts it', async () => {
    const pruned: EvidenceRun = {
      ...older,
      prunedAt: '2026-12-21T06:00:00.000Z',
      prunedReason:
        'evidence retention policy: every run for 30 days, one a day for 365 days, one a month after that',
    };
    const api = createFakeJumpCloudApi({
      listEvidence: async () => fixtures.page([newer, pruned]),
    });
    api.verifyEvidence.mockResolvedValue({
      ...broken,
      ok: true,
      checkedRuns: 2,
      prunedRuns: 1,
      firstTamperedRunId: null,
      reason: null,
      connections: [
        {
          ...broken.connections[0],
          checkedRuns: 2,
          prunedRuns: 1,
          lastVerifiedRunId: 'run-2',
          lastVerifiedSealedAt: newer.sealedAt,
          tamperedRunId: null,
          tamperedSealedAt: null,
          reason: null,
        },
      ],
    });
    await renderWithApis(<EvidenceTab />, { api });
    await screen.findByText('Run run-2');
    const row = within(rowOf('run-1'));
    expect(row.getByText(/^Pruned by policy on /)).toHaveAttribute(
      'title',
      pruned.prunedReason,
    );
    expect(
      row.getByRole('button', { name: 'Download run run-1 as JSON' }),
    ).toBeDisabled();
    expect(
      row.getByRole('button', { name: 'Download run run-1 as CSV zip' }),
    ).toBeDisabled();
    expect(
      within(rowOf('run-2')).getByRole('button', {
        name: 'Download run run-2 as JSON',
      }),
    ).toBeEnabled();
    expect(within(rowOf('run-2')).queryByText(/Pruned by policy/)).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Verify chain' }));
    const verdict = await screen.findByTestId('evidence-verdict');
    expect(verdict).toHaveTextContent(
      'Verified: all 2 sealed runs match their seals and chain (1 pruned by policy: manifest and link checked, populations no longer stored).',
    );
    expect(verdict).toHaveTextContent(/2 runs checked \(1 pruned by policy/);
  });

  it('says when nothing has been sealed', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(<EvidenceTab />, { api });
    expect(
      await screen.findByText(
        'No sealed runs yet: every complete sync seals one.',
      ),
    ).toBeInTheDocument();
  });
});
