import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import {
  createFakeJumpCloudApi,
  fixtures,
  renderWithApis,
} from '../../__testUtils__';
import { EntityJumpCloudContent } from './EntityJumpCloudContent';
import { EntityJumpCloudPostureCard } from './EntityJumpCloudPostureCard';

jest.setTimeout(20_000);

const device: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'alice-macbook',
    annotations: {
      'jumpcloud.com/system-id': 'sys-1',
      'jumpcloud.com/connection': 'acme-production',
    },
  },
  spec: { type: 'device', owner: 'user:alice' },
};

const user: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name: 'alice',
    annotations: {
      'jumpcloud.com/user-id': 'u-1',
      'jumpcloud.com/connection': 'acme-production',
    },
  },
  spec: {},
};

async function notFound() {
  const response = new Response(
    JSON.stringify({
      error: { name: 'NotFoundError', message: 'No results' },
      response: { statusCode: 404 },
    }),
    { status: 404, headers: { 'content-type': 'application/json' } },
  );
  return ResponseError.fromResponse(response as any);
}

describe('EntityJumpCloudContent', () => {
  it('shows a device: posture, details and its findings', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(
      <EntityProvider entity={device}>
        <EntityJumpCloudContent />
      </EntityProvider>,
      { api },
    );
    expect(await screen.findByText('Mac OS X 14.5')).toBeInTheDocument();
    expect(screen.getByText('1.160.0')).toBeInTheDocument();
    expect(screen.getByText('FileVault: failed')).toBeInTheDocument();
    expect(screen.getByText('Failing')).toBeInTheDocument();
    expect(
      screen.getByText('FileVault is off on alice-macbook'),
    ).toBeInTheDocument();
    expect(api.getDevice).toHaveBeenCalledWith('c1', 'sys-1');
    expect(api.getEntityPosture).toHaveBeenCalledWith('c1', 'sys-1');
    expect(api.listFindings).toHaveBeenCalledWith(
      expect.objectContaining({ connectionId: 'c1', entityId: 'sys-1' }),
    );
  });

  it('shows a user: state, MFA, admin rights and bound devices', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(
      <EntityProvider entity={user}>
        <EntityJumpCloudContent />
      </EntityProvider>,
      { api },
    );
    expect(await screen.findByText('ACTIVATED')).toBeInTheDocument();
    expect(screen.getByText('Not enrolled')).toBeInTheDocument();
    expect(screen.getByText('sudo on bound devices')).toBeInTheDocument();
    expect(screen.getByTitle('alice-macbook')).toBeInTheDocument();
    expect(screen.getByText(/\(through a group\)/)).toBeInTheDocument();
    expect(api.getUser).toHaveBeenCalledWith('c1', 'u-1');
  });

  it('says when the entity has not been evaluated yet', async () => {
    const error = await notFound();
    const api = createFakeJumpCloudApi({
      getEntityPosture: async () => {
        throw error;
      },
      listFindings: async () => fixtures.page([]),
    });
    await renderWithApis(
      <EntityProvider entity={device}>
        <EntityJumpCloudContent />
      </EntityProvider>,
      { api },
    );
    expect(await screen.findByText(/Not evaluated yet/)).toBeInTheDocument();
    expect(
      screen.getByText('No findings: every check passes.'),
    ).toBeInTheDocument();
  });

  it('finds the connection by its id annotation, even after a rename', async () => {
    const api = createFakeJumpCloudApi();
    const renamed: Entity = {
      ...device,
      metadata: {
        ...device.metadata,
        annotations: {
          'jumpcloud.com/system-id': 'sys-1',
          'jumpcloud.com/connection': 'old-name',
          'jumpcloud.com/connection-id': 'c1',
        },
      },
    };
    await renderWithApis(
      <EntityProvider entity={renamed}>
        <EntityJumpCloudContent />
      </EntityProvider>,
      { api },
    );
    expect(await screen.findByText('Mac OS X 14.5')).toBeInTheDocument();
    expect(api.getDevice).toHaveBeenCalledWith('c1', 'sys-1');
  });

  it('explains a connection that no longer exists', async () => {
    const api = createFakeJumpCloudApi({ listConnections: async () => [] });
    await renderWithApis(
      <EntityProvider entity={device}>
        <EntityJumpCloudContent />
      </EntityProvider>,
      { api },
    );
    expect(
      (
        await screen.findAllByText(
          /“acme-production” of this entity no longer exists/,
        )
      ).length,
    ).toBeGreaterThan(0);
  });
});

describe('EntityJumpCloudPostureCard', () => {
  it('shows open findings and check results', async () => {
    const api = createFakeJumpCloudApi({
      listFindings: async () => fixtures.page([fixtures.finding], 3),
    });
    await renderWithApis(
      <EntityProvider entity={device}>
        <EntityJumpCloudPostureCard />
      </EntityProvider>,
      { api },
    );
    expect(await screen.findByText('3')).toBeInTheDocument();
    expect(
      screen.getByText('open findings (acme-production)'),
    ).toBeInTheDocument();
    expect(screen.getByText('Passing')).toBeInTheDocument();
    expect(screen.getByText('8')).toBeInTheDocument();
    expect(api.listFindings).toHaveBeenCalledWith(
      expect.objectContaining({ status: 'open', entityId: 'sys-1', limit: 1 }),
    );
  });
});
