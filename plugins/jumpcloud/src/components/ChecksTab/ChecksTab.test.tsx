import { ResponseError } from '@backstage/errors';
import { screen, within } from '@testing-library/react';
import { createFakeJumpCloudApi, renderWithApis } from '../../__testUtils__';
import { checksSummary } from './__fixtures__/checksSummary';
import { ChecksTab, formatThreshold } from './ChecksTab';

const rowOf = (id: string) => screen.getByText(id).closest('tr')!;

describe('ChecksTab', () => {
  it('lists every check with its family, data read, threshold and status', async () => {
    const api = createFakeJumpCloudApi({
      getChecksSummary: async () => checksSummary,
    });
    await renderWithApis(<ChecksTab />, { api });

    expect(await screen.findByText('DEV-01')).toBeInTheDocument();
    const encryption = within(rowOf('DEV-01'));
    expect(encryption.getByText('Full-disk encryption on')).toBeInTheDocument();
    expect(encryption.getByText('High')).toBeInTheDocument();
    expect(encryption.getByText('Device')).toBeInTheDocument();
    expect(encryption.getByText('systems.fde.active')).toBeInTheDocument();
    expect(encryption.getByText('staleDays')).toBeInTheDocument();
    expect(encryption.getByText('Failing')).toBeInTheDocument();

    const manager = within(rowOf('DEV-09'));
    expect(manager.getByText('Switched off')).toBeInTheDocument();
    expect(
      manager.getByText('Switched off in jumpcloud.checks.disabled'),
    ).toBeInTheDocument();
    expect(manager.getByText(/: 1Password$/)).toBeInTheDocument();

    const custom = within(rowOf('ACME-01'));
    expect(custom.getByText('Custom')).toBeInTheDocument();
    expect(custom.getByText('No results yet: run a sync.')).toBeInTheDocument();
    expect(within(rowOf('USR-01')).getByText('Passing')).toBeInTheDocument();
  });

  it("links each connection's failing and risk-accepted counts to the filtered findings", async () => {
    const api = createFakeJumpCloudApi({
      getChecksSummary: async () => checksSummary,
    });
    await renderWithApis(<ChecksTab />, { api });

    const failing = await screen.findByRole('link', {
      name: '3 failing for DEV-01 in acme-production',
    });
    expect(failing).toHaveAttribute(
      'href',
      '/jumpcloud/findings?checkId=DEV-01&connectionId=c1&status=open',
    );
    expect(
      screen.getByRole('link', {
        name: '1 risk accepted for DEV-01 in acme-production',
      }),
    ).toHaveAttribute(
      'href',
      '/jumpcloud/findings?checkId=DEV-01&connectionId=c1&status=excepted',
    );
    const encryption = within(rowOf('DEV-01'));
    expect(encryption.getByText('acme-staging:')).toBeInTheDocument();
    expect(
      encryption.getByText(/Mostly unknown because: System Insights is off/),
    ).toBeInTheDocument();
    // Nothing to list behind a zero.
    expect(
      screen.queryByRole('link', { name: /0 failing/ }),
    ).not.toBeInTheDocument();
  });

  it('shows why the summary could not be read', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'Not allowed to read' },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'content-type': 'application/json' } },
      ) as any,
    );
    const api = createFakeJumpCloudApi({
      getChecksSummary: async () => {
        throw error;
      },
    });
    await renderWithApis(<ChecksTab />, { api });
    expect(
      (await screen.findAllByText(/Not allowed to read/)).length,
    ).toBeGreaterThan(0);
  });
});

describe('formatThreshold', () => {
  it('reads lists, maps and numbers the way people write them', () => {
    expect(formatThreshold(900)).toBe('900');
    expect(formatThreshold(['a', 'b'])).toBe('a, b');
    expect(formatThreshold([])).toBe('(none)');
    expect(formatThreshold({ macos: '14.0', linux: ['screen'] })).toBe(
      'macos=14.0; linux=screen',
    );
  });
});
