import type { ConnectionTestResult } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeJumpCloudApi,
  fixtures,
  renderWithApis,
} from '../../__testUtils__';
import { ConnectionForm } from './ConnectionForm';
import { TestResultView } from './TestResultView';

jest.setTimeout(20_000);

describe('Test Connection result', () => {
  it('says the key works with limits, and why each capability is not available', async () => {
    const result: ConnectionTestResult = {
      ok: true,
      limited: true,
      summary:
        "The connection works, with limits. Directory Insights: not in the organisation's plan; System Insights: not permitted for this API key. A sync leaves them out.",
      multiTenant: false,
      organizations: [{ id: 'org-1', name: 'Acme' }],
      capabilities: {
        devices: { ok: true, state: 'available', count: 60 },
        directoryInsights: {
          ok: false,
          state: 'not_in_plan',
          error: {
            kind: 'not_enabled',
            message: 'Payment Required',
            status: 402,
          },
        },
        systemInsights: {
          ok: false,
          state: 'not_permitted',
          error: { kind: 'forbidden', message: 'Forbidden', status: 403 },
        },
        authnPolicies: {
          ok: false,
          state: 'failed',
          error: { kind: 'unavailable', message: 'HTTP 503', status: 503 },
        },
      },
      durationMs: 300,
    };
    await renderWithApis(<TestResultView result={result} />, {
      api: createFakeJumpCloudApi(),
    });
    expect(screen.getByRole('alert')).toHaveTextContent(/with limits/);
    expect(screen.getByText('Devices: OK (60)')).toBeInTheDocument();
    expect(
      screen.getByText("Directory Insights: not in the organisation's plan"),
    ).toBeInTheDocument();
    expect(
      screen.getByText('System Insights: not permitted for this key'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Conditional Access policies: failed'),
    ).toBeInTheDocument();
  });

  it('offers every organisation of a multi-tenant key, searchable, when the test asks to choose one', async () => {
    const organizations = Array.from({ length: 150 }, (_, i) => ({
      id: `org-${String(i + 1).padStart(3, '0')}`,
      name: `Tenant ${i + 1}`,
    }));
    const api = createFakeJumpCloudApi({
      testConnection: async () => ({
        ok: false,
        limited: false,
        summary: 'This API key sees 150 organisations: choose the one to read.',
        error: {
          kind: 'org_required',
          message:
            'This API key sees 150 organisations: choose the one to read.',
        },
        multiTenant: true,
        organizations,
        capabilities: {},
        durationMs: 200,
      }),
    });
    await renderWithApis(
      <ConnectionForm
        open
        connections={[fixtures.connection]}
        onClose={() => undefined}
        onSaved={() => undefined}
      />,
      { api },
    );
    const form = within(await screen.findByRole('dialog'));
    const apiKeyInput = () =>
      form.queryByLabelText(/^API key/, { selector: 'input' });
    if (!apiKeyInput()) {
      // A service account is offered first: this key is an API key.
      await userEvent.click(form.getByLabelText(/Credential/));
      await userEvent.click(
        await screen.findByRole('option', { name: 'API key' }),
      );
    }
    await userEvent.click(apiKeyInput()!);
    await userEvent.paste('jcsim_msp_demo_key_0001');
    await userEvent.click(
      form.getByRole('button', { name: 'Test connection' }),
    );
    await waitFor(() => expect(api.testConnection).toHaveBeenCalled());
    expect(
      await form.findByText(/search 150 organisations/),
    ).toBeInTheDocument();
    await userEvent.click(form.getByLabelText(/Organisation/));
    await userEvent.paste('Tenant 149');
    expect(
      await screen.findByRole('option', { name: 'Tenant 149 (org-149)' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('option')).toHaveLength(1);
  });
});
