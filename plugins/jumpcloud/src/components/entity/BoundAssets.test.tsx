import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { createFakeJumpCloudApi, renderWithApis } from '../../__testUtils__';
import { accessDescription } from './BoundAssets';
import { EntityJumpCloudContent } from './EntityJumpCloudContent';

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

const aliceEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name: 'alice',
    namespace: 'default',
    annotations: {
      'jumpcloud.com/user-id': 'u-1',
      'jumpcloud.com/connection': 'acme-production',
    },
  },
  spec: {},
};

describe("a device's users on its JumpCloud tab", () => {
  it('are named, linked to their catalog entity, with how access is granted', async () => {
    await renderWithApis(
      <EntityProvider entity={device}>
        <EntityJumpCloudContent />
      </EntityProvider>,
      {
        api: createFakeJumpCloudApi(),
        catalogApi: catalogApiMock({ entities: [aliceEntity, device] }),
      },
    );
    const name = await screen.findByTitle('Alice Liddell');
    const item = name.closest('li')!;
    expect(item).toHaveTextContent(
      'Alice Liddell (direct, through Engineering, sudo)',
    );
    expect(within(item).queryByText(/u-1/)).not.toBeInTheDocument();
    expect(await within(item).findByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
  });

  it('show the id, unlinked, of a user the snapshot does not hold', async () => {
    const api = createFakeJumpCloudApi();
    const detail = await api.getDevice('c1', 'sys-1');
    api.getDevice.mockResolvedValue({
      ...detail,
      boundUsers: [{ ...detail.boundUsers[0], userId: 'u-9', userName: null }],
    });
    await renderWithApis(
      <EntityProvider entity={device}>
        <EntityJumpCloudContent />
      </EntityProvider>,
      { api },
    );
    const name = await screen.findByTitle('u-9');
    expect(name.closest('a')).toBeNull();
  });
});

describe('accessDescription', () => {
  const binding = { sudo: null, sudoWithoutPassword: null };
  it('says direct, or through which groups', () => {
    expect(
      accessDescription({ ...binding, viaGroup: false, viaGroups: [] }),
    ).toBe('direct');
    expect(
      accessDescription({
        ...binding,
        viaGroup: true,
        viaGroups: [
          { id: 'g1', name: 'Engineering' },
          { id: 'sg1', name: 'Laptops' },
        ],
      }),
    ).toBe('through Engineering, Laptops');
    expect(
      accessDescription({
        viaGroup: true,
        viaGroups: [],
        sudo: true,
        sudoWithoutPassword: true,
      }),
    ).toBe('through a group, sudo, no password');
  });
});
