import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import { jumpcloudApiRef } from '../../api';
import { createFakeJumpCloudApi, fixtures } from '../../__testUtils__';
import { OverviewTab } from './OverviewTab';

describe('OverviewTab', () => {
  it('shows the score, open findings by severity and each connection', async () => {
    const api = createFakeJumpCloudApi({
      listConnections: async () => [
        fixtures.connection,
        fixtures.revokedConnection,
      ],
    });
    await renderInTestApp(
      <TestApiProvider apis={[[jumpcloudApiRef, api]]}>
        <OverviewTab />
      </TestApiProvider>,
    );

    expect(await screen.findByText('72')).toHaveTextContent('72 / 100');
    expect(screen.getByRole('link', { name: 'High' })).toHaveAttribute(
      'href',
      '/jumpcloud/findings?severity=high&status=open',
    );
    expect(screen.getByText('7 open')).toBeInTheDocument();
    expect(screen.getByText('acme-production')).toBeInTheDocument();
    expect(
      screen.getByText('Needs attention: key revoked or expired'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/from 65 .* to 72/)).toBeInTheDocument();
  });

  it('invites to add a connection when there is none', async () => {
    const api = createFakeJumpCloudApi({
      listConnections: async () => [],
      getPostureTrend: async () => [],
      getPosture: async () => ({
        ...fixtures.posture,
        score: null,
        evaluatedAt: null,
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[jumpcloudApiRef, api]]}>
        <OverviewTab />
      </TestApiProvider>,
    );
    expect(await screen.findByText('No connections yet')).toBeInTheDocument();
    // The chart loads lazily (recharts stays off the other tabs).
    expect(await screen.findByText('No trend yet')).toBeInTheDocument();
    expect(
      screen.getByText('Not evaluated yet: run a sync.'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message: 'Not allowed to read' },
        response: { statusCode: 403 },
      }),
      { status: 403, headers: { 'content-type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response as any);
    const api = createFakeJumpCloudApi({
      getPosture: async () => {
        throw error;
      },
    });
    await renderInTestApp(
      <TestApiProvider apis={[[jumpcloudApiRef, api]]}>
        <OverviewTab />
      </TestApiProvider>,
    );
    expect(
      (await screen.findAllByText(/Not allowed to read/)).length,
    ).toBeGreaterThan(0);
  });
});
