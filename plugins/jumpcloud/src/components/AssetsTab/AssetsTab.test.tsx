import {
  ANNOTATION_JUMPCLOUD_CONNECTION_ID,
  ANNOTATION_JUMPCLOUD_SYSTEM_ID,
  ANNOTATION_JUMPCLOUD_USER_ID,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Entity } from '@backstage/catalog-model';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createFakeJumpCloudApi,
  fixtures,
  renderWithApis,
} from '../../__testUtils__';
import { AssetsTab } from './AssetsTab';

jest.setTimeout(20_000);

function entity(
  kind: string,
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'it', annotations },
    spec: {},
  };
}

describe('AssetsTab', () => {
  it('keeps the links the backend already gave the rows', async () => {
    const api = createFakeJumpCloudApi();
    await renderWithApis(<AssetsTab />, { api });

    expect(
      await screen.findByRole('link', { name: 'alice-macbook' }),
    ).toHaveAttribute('href', '/catalog/default/resource/alice-macbook');
    expect(screen.getByText('Mac OS X 14.5')).toBeInTheDocument();
    expect(api.listDevices).toHaveBeenCalledWith(
      expect.objectContaining({ limit: 25, offset: 0 }),
    );

    await userEvent.click(screen.getByRole('tab', { name: 'Users' }));
    expect(
      await screen.findByRole('link', { name: 'Alice Example' }),
    ).toHaveAttribute('href', '/catalog/default/user/alice');
    expect(screen.getByText('sudo on bound devices')).toBeInTheDocument();
    expect(api.listUsers).toHaveBeenCalled();
  });

  it('finds each row’s entity by JumpCloud annotation, whatever its name', async () => {
    const devices = [
      { ...fixtures.device, entityRef: null },
      {
        ...fixtures.device,
        id: 'sys-2',
        displayName: 'bob-thinkpad',
        hostname: 'bob-thinkpad.local',
        entityRef: null,
      },
      {
        ...fixtures.device,
        id: 'sys-3',
        displayName: 'carol-mini',
        hostname: 'carol-mini.local',
        entityRef: null,
      },
    ];
    const users = [{ ...fixtures.user, entityRef: null }];
    const api = createFakeJumpCloudApi({
      listDevices: jest.fn(async () => fixtures.page(devices)),
      listUsers: jest.fn(async () => fixtures.page(users)),
    });
    const catalogApi = catalogApiMock.mock();
    const entities = [
      // Custom transformer names, not derived from the hostname.
      entity('Resource', 'laptop-0001', {
        [ANNOTATION_JUMPCLOUD_SYSTEM_ID]: 'sys-1',
        [ANNOTATION_JUMPCLOUD_CONNECTION_ID]: 'c1',
      }),
      // Same JumpCloud id from another connection: not this row's entity.
      entity('Resource', 'other-org-device', {
        [ANNOTATION_JUMPCLOUD_SYSTEM_ID]: 'sys-2',
        [ANNOTATION_JUMPCLOUD_CONNECTION_ID]: 'c2',
      }),
      entity('User', 'person-42', {
        [ANNOTATION_JUMPCLOUD_USER_ID]: 'u-1',
        [ANNOTATION_JUMPCLOUD_CONNECTION_ID]: 'c1',
      }),
    ];
    catalogApi.getEntities.mockImplementation(async request => {
      const filter = request?.filter as Record<string, string[]>;
      const [[key, ids]] = Object.entries(filter);
      const annotation = key.replace('metadata.annotations.', '');
      return {
        items: entities.filter(e =>
          ids.includes(e.metadata.annotations?.[annotation] ?? ''),
        ),
      };
    });
    await renderWithApis(<AssetsTab />, { api, catalogApi });

    expect(
      await screen.findByRole('link', { name: 'alice-macbook' }),
    ).toHaveAttribute('href', '/catalog/it/resource/laptop-0001');
    // No entity of this connection / no entity at all: plain text.
    expect(screen.getByText('bob-thinkpad')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'bob-thinkpad' }),
    ).not.toBeInTheDocument();
    expect(screen.getByText('carol-mini')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'carol-mini' }),
    ).not.toBeInTheDocument();
    // One catalog request for the whole page, by annotation.
    expect(catalogApi.getEntities).toHaveBeenCalledTimes(1);
    expect(catalogApi.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: {
          [`metadata.annotations.${ANNOTATION_JUMPCLOUD_SYSTEM_ID}`]: [
            'sys-1',
            'sys-2',
            'sys-3',
          ],
        },
      }),
    );

    await userEvent.click(screen.getByRole('tab', { name: 'Users' }));
    expect(
      await screen.findByRole('link', { name: 'Alice Example' }),
    ).toHaveAttribute('href', '/catalog/it/user/person-42');
  });

  it('shows the rows unlinked when the catalog cannot be read', async () => {
    const api = createFakeJumpCloudApi({
      listDevices: jest.fn(async () =>
        fixtures.page([{ ...fixtures.device, entityRef: null }]),
      ),
    });
    const catalogApi = catalogApiMock.mock({
      getEntities: jest.fn(async () => {
        throw new Error('catalog down');
      }),
    });
    await renderWithApis(<AssetsTab />, { api, catalogApi });

    expect(await screen.findByText('alice-macbook')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'alice-macbook' }),
    ).not.toBeInTheDocument();
  });
});
