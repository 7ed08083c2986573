import {
  ANNOTATION_JUMPCLOUD_CONNECTION_ID,
  ANNOTATION_JUMPCLOUD_SYSTEM_ID,
} from '@backstage-jumpcloud/plugin-jumpcloud-common';
import type { Entity } from '@backstage/catalog-model';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import {
  createFakeJumpCloudApi,
  fixtures,
  renderWithApis,
} from '../../__testUtils__';
import { FindingsTable } from './FindingsTable';

jest.setTimeout(20_000);

function resource(name: string, systemId: string, connectionId: string) {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'it',
      annotations: {
        [ANNOTATION_JUMPCLOUD_SYSTEM_ID]: systemId,
        [ANNOTATION_JUMPCLOUD_CONNECTION_ID]: connectionId,
      },
    },
    spec: {},
  };
  return entity;
}

describe('findings linked to their catalog entities', () => {
  it('links a device finding to the entity with its JumpCloud id, as the catalog named it', async () => {
    const findings = [
      { ...fixtures.finding, entityRef: null },
      {
        ...fixtures.finding,
        id: 'f2',
        entityId: 'sys-2',
        entityName: 'bob-thinkpad',
        entityRef: null,
      },
    ];
    const api = createFakeJumpCloudApi({
      listFindings: jest.fn(async () => fixtures.page(findings)),
    });
    const catalogApi = catalogApiMock.mock();
    const entities = [
      // A custom transformer's name, not the hostname.
      resource('laptop-0001', 'sys-1', 'c1'),
      // The same id in another connection is not this finding's entity.
      resource('elsewhere', 'sys-2', 'c2'),
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
    await renderWithApis(
      <FindingsTable filters={{}} reloadKey={0} onOpen={jest.fn()} />,
      { api, catalogApi },
    );
    expect(
      await screen.findByRole('link', { name: 'alice-macbook' }),
    ).toHaveAttribute('href', '/catalog/it/resource/laptop-0001');
    expect(screen.getByText('bob-thinkpad')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'bob-thinkpad' }),
    ).not.toBeInTheDocument();
    // One catalog request for the page's devices.
    expect(catalogApi.getEntities).toHaveBeenCalledTimes(1);
  });
});
