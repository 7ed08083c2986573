import type { SyncRun } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeJumpCloudApi,
  fixtures,
  renderWithApis,
} from '../../__testUtils__';
import { ConnectionsTab } from './ConnectionsTab';

jest.setTimeout(20_000);

async function type(
  label: RegExp,
  text: string,
  scope: Pick<typeof screen, 'getByLabelText'> = screen,
) {
  // The credential select is also labelled by its value ("API key").
  await userEvent.click(scope.getByLabelText(label, { selector: 'input' }));
  await userEvent.paste(text);
}

describe('ConnectionsTab', () => {
  it('lists connections with status, reason, masked key and actions', async () => {
    const api = createFakeJumpCloudApi({
      listConnections: async () => [
        fixtures.connection,
        fixtures.revokedConnection,
      ],
    });
    await renderWithApis(<ConnectionsTab />, { api });

    expect(await screen.findByText('acme-production')).toBeInTheDocument();
    expect(screen.getByText('Healthy')).toBeInTheDocument();
    expect(
      screen.getByText('Needs attention: key revoked or expired'),
    ).toBeInTheDocument();
    expect(screen.getByText('•••• a1b2')).toBeInTheDocument();
    expect(screen.getAllByText('API key').length).toBeGreaterThan(0);
    expect(screen.queryByText(/secret/i)).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sync now: acme-production' }),
    ).toBeEnabled();
    expect(
      screen.getByRole('button', { name: 'Add connection' }),
    ).toBeEnabled();
  });

  it('hides every change for users without the manage permission', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(<ConnectionsTab />, { api, canManage: false });
    expect(await screen.findByText('acme-production')).toBeInTheDocument();
    expect(screen.getByText(/You can see the connections/)).toBeInTheDocument();
    for (const name of [/Add connection/, /Sync/, /Edit/, /Delete/, /Test/]) {
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    }
  });

  it('adds a connection: default name, test with capabilities, org picker, save', async () => {
    const api = createFakeJumpCloudApi({
      testConnection: async () => ({
        ok: true,
        limited: true,
        summary:
          'The connection works, with limits. Administrators: not permitted for this API key. A sync leaves it out.',
        multiTenant: true,
        organizations: [
          { id: 'org-a', name: 'Acme' },
          { id: 'org-b', name: 'Beta' },
        ],
        capabilities: {
          users: { ok: true, state: 'available', count: 80 },
          admins: {
            ok: false,
            state: 'not_permitted',
            error: {
              kind: 'forbidden',
              message: 'The key cannot read administrators',
            },
          },
        },
        durationMs: 200,
      }),
    });
    await renderWithApis(<ConnectionsTab />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add connection' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Add connection',
    });
    const form = within(dialog);
    expect(form.getByLabelText(/Connection name/)).toHaveValue('Connection 2');

    // Region picker → "Other API URL" reveals the URL field.
    await userEvent.click(form.getByLabelText(/Region/));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Other API URL…' }),
    );
    await type(/^API URL/, 'http://localhost:7011', form);
    const save = form.getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled(); // no key yet
    // A service account is offered first; this one uses an API key.
    expect(form.getByLabelText(/Client ID/)).toBeInTheDocument();
    await userEvent.click(form.getByLabelText(/Credential/));
    await userEvent.click(
      await screen.findByRole('option', { name: 'API key' }),
    );
    expect(form.queryByLabelText(/Client ID/)).not.toBeInTheDocument();
    await type(/^API key/, 'jcsim_readonly_demo_key_0001', form);
    await userEvent.click(
      form.getByRole('button', { name: 'Test connection' }),
    );

    expect(await form.findByText(/sees 2 organisations/)).toBeInTheDocument();
    expect(form.getByText(/works, with limits/)).toBeInTheDocument();
    expect(form.getByText('Users: OK (80)')).toBeInTheDocument();
    expect(
      form.getByText('Administrators: not permitted for this key'),
    ).toBeInTheDocument();
    expect(
      form.getByText('The key cannot read administrators'),
    ).toBeInTheDocument();
    expect(save).toBeDisabled(); // multi-tenant: an organisation is required

    await userEvent.click(form.getByLabelText(/Organisation/));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Beta (org-b)' }),
    );
    expect(save).toBeEnabled();
    await userEvent.click(save);

    await waitFor(() => expect(api.createConnection).toHaveBeenCalled());
    expect(api.testConnection.mock.calls[0][0]).toEqual({
      name: 'Connection 2',
      apiUrl: 'http://localhost:7011',
      authType: 'apiKey',
      apiKey: 'jcsim_readonly_demo_key_0001',
      orgId: null,
      orgName: null,
      syncFrequency: 'daily',
    });
    expect(api.createConnection.mock.calls[0][0]).toEqual({
      name: 'Connection 2',
      apiUrl: 'http://localhost:7011',
      authType: 'apiKey',
      apiKey: 'jcsim_readonly_demo_key_0001',
      orgId: 'org-b',
      orgName: 'Beta',
      syncFrequency: 'daily',
    });
    await waitFor(() => expect(api.listConnections).toHaveBeenCalledTimes(2));
  });

  it('adds a service-account connection: client ID and secret, tested and saved', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(<ConnectionsTab />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add connection' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Add connection',
    });
    const form = within(dialog);
    expect(form.getByText('Service account (recommended)')).toBeInTheDocument();
    expect(form.queryByLabelText(/API key/)).not.toBeInTheDocument();
    const save = form.getByRole('button', { name: 'Save' });
    const testButton = form.getByRole('button', { name: 'Test connection' });
    await type(/Client ID/, 'sa-client-1', form);
    expect(save).toBeDisabled(); // no secret yet
    expect(testButton).toBeDisabled();
    await type(/Client secret/, 'client-secret-value-1234', form);
    expect(form.getByLabelText(/Client secret/)).toHaveAttribute(
      'type',
      'password',
    );
    await userEvent.click(testButton);
    await waitFor(() => expect(api.testConnection).toHaveBeenCalled());
    await userEvent.click(save);
    await waitFor(() => expect(api.createConnection).toHaveBeenCalled());
    const expected = {
      name: 'Connection 2',
      region: 'us',
      authType: 'serviceAccount',
      clientId: 'sa-client-1',
      clientSecret: 'client-secret-value-1234',
      syncFrequency: 'daily',
    };
    expect(api.testConnection.mock.calls[0][0]).toMatchObject(expected);
    expect(api.testConnection.mock.calls[0][0]).not.toHaveProperty('apiKey');
    expect(api.createConnection.mock.calls[0][0]).toMatchObject(expected);
  });

  it('shows a service account on its card and keeps the stored secret when editing', async () => {
    const api = createFakeJumpCloudApi({
      listConnections: async () => [fixtures.serviceAccountConnection],
    });
    await renderWithApis(<ConnectionsTab />, { api });
    expect(await screen.findByText('acme-sa')).toBeInTheDocument();
    expect(screen.getByText('Service account')).toBeInTheDocument();
    expect(screen.getByText('sa-client-42')).toBeInTheDocument();
    expect(screen.getByText('•••• f00d')).toBeInTheDocument();
    expect(screen.queryByText(/API key/)).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Edit: acme-sa' }),
    );
    const form = within(
      await screen.findByRole('dialog', { name: 'Edit acme-sa' }),
    );
    expect(form.getByLabelText(/Client ID/)).toHaveValue('sa-client-42');
    expect(form.getByLabelText(/Client secret/)).toHaveValue('');
    expect(form.getByText(/Stored secret ends in …f00d/)).toBeInTheDocument();
    await userEvent.click(
      form.getByRole('button', { name: 'Test connection' }),
    );
    await waitFor(() =>
      expect(api.testSavedConnection).toHaveBeenCalledWith('c3'),
    );
    await userEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(api.updateConnection).toHaveBeenCalled());
    const input = api.updateConnection.mock.calls[0][1];
    expect(input).toMatchObject({
      authType: 'serviceAccount',
      clientId: 'sa-client-42',
    });
    expect(input).not.toHaveProperty('clientSecret');
    expect(input).not.toHaveProperty('apiKey');
  });

  it('shows field errors from the backend', async () => {
    const { ResponseError } = await import('@backstage/errors');
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'InputError',
          message: 'Invalid connection',
          fields: { name: 'A connection with this name exists' },
        },
        response: { statusCode: 400 },
      }),
      { status: 400, headers: { 'content-type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response as any);
    const api = createFakeJumpCloudApi({
      updateConnection: async () => {
        throw error;
      },
    });
    await renderWithApis(<ConnectionsTab />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit: acme-production' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Edit acme-production',
    });
    const form = within(dialog);
    // Editing keeps the stored key unless a new one is pasted.
    expect(form.getByLabelText(/^API key/, { selector: 'input' })).toHaveValue(
      '',
    );
    expect(form.getByText(/Stored key ends in …a1b2/)).toBeInTheDocument();
    await userEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(
      await form.findByText('A connection with this name exists'),
    ).toBeInTheDocument();
    expect(api.updateConnection.mock.calls[0][1]).not.toHaveProperty('apiKey');
  });

  it('syncs now with a live progress bar and stage until success', async () => {
    const finished: SyncRun = {
      ...fixtures.runningRun,
      status: 'succeeded',
      stage: null,
      finishedAt: '2026-11-23T11:00:42Z',
      durationMs: 42_000,
      counts: { systems: 60, users: 80 },
    };
    const runs = [
      { ...fixtures.runningRun, stage: 'evaluate' as const },
      finished,
    ];
    const api = createFakeJumpCloudApi({
      getRun: async () => runs.shift() ?? finished,
    });
    await renderWithApis(<ConnectionsTab />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Sync now: acme-production' }),
    );

    expect(
      await screen.findByText(/Stage 1 of 5: Fetching from JumpCloud/),
    ).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '5',
    );
    expect(
      await screen.findByText(/Stage 3 of 5: Evaluating checks/, undefined, {
        timeout: 5000,
      }),
    ).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '40',
    );
    expect(
      await screen.findByText(
        /Sync succeeded \(42s · systems 60, users 80\)/,
        undefined,
        {
          timeout: 5000,
        },
      ),
    ).toBeInTheDocument();
    expect(api.syncConnection).toHaveBeenCalledWith('c1');
    // The list reloads to show the new last sync.
    await waitFor(() => expect(api.listConnections).toHaveBeenCalledTimes(2));
    // And another sync can be started.
    expect(
      screen.getByRole('button', { name: 'Sync now: acme-production' }),
    ).toBeEnabled();
  });

  it('deletes after confirmation only', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(<ConnectionsTab />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete: acme-production' }),
    );
    let dialog = await screen.findByRole('dialog', {
      name: 'Delete acme-production?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    expect(api.deleteConnection).not.toHaveBeenCalled();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete: acme-production' }),
    );
    dialog = await screen.findByRole('dialog', {
      name: 'Delete acme-production?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    await waitFor(() =>
      expect(api.deleteConnection).toHaveBeenCalledWith('c1'),
    );
  });

  it('tests a saved connection and shows each capability', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(<ConnectionsTab />, { api });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Test connection: acme-production',
      }),
    );
    expect(await screen.findByText(/connection works/i)).toBeInTheDocument();
    expect(screen.getByText('Users: OK (80)')).toBeInTheDocument();
    expect(api.testSavedConnection).toHaveBeenCalledWith('c1');
  });
});
