import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { screen } from '@testing-library/react';
import { jumpcloudApiRef } from '../api';
import { createFakeJumpCloudApi } from '../__testUtils__';
import jumpcloudPlugin from '../alpha';
import { entityJumpCloudContent, entityJumpCloudPostureCard } from './entity';
import { jumpcloudPage } from './pages';

jest.setTimeout(30_000);

const entity = (
  annotations: Record<string, string>,
  kind = 'Resource',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x', annotations },
});

describe('JumpCloud plugin (new frontend system)', () => {
  it('is the default export with the page, tabs, API, entity tab and card', () => {
    expect(jumpcloudPlugin.id).toBe('jumpcloud');
    for (const id of [
      'api:jumpcloud',
      'page:jumpcloud',
      'entity-content:jumpcloud',
      'entity-card:jumpcloud/posture',
    ]) {
      expect(jumpcloudPlugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('mounts the page at /jumpcloud with the JumpCloud title', () => {
    const tester = createExtensionTester(jumpcloudPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/jumpcloud');
    expect(tester.get(coreExtensionData.title)).toBe('JumpCloud');
    expect(tester.get(coreExtensionData.routeRef)).toBeDefined();
  });

  it('shows the entity tab and card only on JumpCloud entities', () => {
    const content = createExtensionTester(entityJumpCloudContent);
    expect(content.get(coreExtensionData.routePath)).toBe('jumpcloud');
    expect(content.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'JumpCloud',
    );
    const contentFilter = content.get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;
    const cardFilter = createExtensionTester(entityJumpCloudPostureCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    for (const filter of [contentFilter, cardFilter]) {
      expect(filter(entity({ 'jumpcloud.com/system-id': 's1' }))).toBe(true);
      expect(filter(entity({ 'jumpcloud.com/user-id': 'u1' }, 'User'))).toBe(
        true,
      );
      expect(filter(entity({}))).toBe(false);
      expect(filter(entity({ 'jumpcloud.com/group-id': 'g1' }, 'Group'))).toBe(
        false,
      );
    }
  });

  it('renders the tabs, each on its own route', async () => {
    const api = createFakeJumpCloudApi();
    renderTestApp({
      features: [jumpcloudPlugin],
      initialRouteEntries: ['/jumpcloud/connections'],
      apis: [
        [jumpcloudApiRef, api],
        [
          permissionApiRef,
          {
            authorize: async () => ({ result: AuthorizeResult.ALLOW }),
          },
        ],
      ],
    });
    expect(
      await screen.findByText('acme-production', undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
    for (const tab of [
      'Overview',
      'Findings',
      'Assets',
      'Connections',
      'History',
      'Evidence',
      'Checks',
      'Frameworks',
    ]) {
      expect(screen.getByRole('tab', { name: tab })).toBeInTheDocument();
    }
    expect(
      screen.getByRole('button', { name: 'Add connection' }),
    ).toBeInTheDocument();
  });
});
