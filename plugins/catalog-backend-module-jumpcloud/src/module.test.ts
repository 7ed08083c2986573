import { createBackendModule } from '@backstage/backend-plugin-api';
import { JUMPCLOUD_SYNC_COMPLETED_TOPIC } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  fakeConnection,
  fakeJumpCloudBackend,
  newFakeState,
} from './__testUtils__/fakeJumpCloudBackend';
import { fixtureOrg } from './__testUtils__/fixtures';
import {
  settledEntities,
  startCatalogBackend,
} from './__testUtils__/catalogHarness';
import { jumpcloudTransformersExtensionPoint } from './extensions';
import { defaultDeviceTransformer } from './lib/entities/defaultTransformers';
import { catalogModuleJumpCloud } from './module';

// The fallback schedule is far away: only the event can make entities appear.
const config = {
  catalog: {
    processingInterval: { seconds: 1 },
    providers: {
      jumpcloud: {
        // once a year: not before the test ends
        schedule: { frequency: { cron: '0 0 1 1 *' }, timeout: { minutes: 5 } },
      },
    },
  },
};

function customDevices(setTwice = false) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'jumpcloud-custom-devices',
    register(env) {
      env.registerInit({
        deps: { transformers: jumpcloudTransformersExtensionPoint },
        async init({ transformers }) {
          const wrap: typeof defaultDeviceTransformer = (device, context) => {
            const entity = defaultDeviceTransformer(device, context);
            return { ...entity, spec: { ...entity.spec, system: 'laptops' } };
          };
          transformers.setDeviceTransformer(wrap);
          if (setTwice) transformers.setDeviceTransformer(wrap);
        },
      });
    },
  });
}

jest.setTimeout(120_000);

describe('catalogModuleJumpCloud', () => {
  it('refreshes on "sync completed" and uses the transformers set through the extension point', async () => {
    const state = newFakeState();
    state.connections = [fakeConnection('c1', { name: 'acme' })];
    state.snapshots.set('c1', fixtureOrg({ devices: 4, users: 3, groups: 1 }));
    const fake = fakeJumpCloudBackend(state);
    const { backend, catalog } = await startCatalogBackend(
      [fake.feature, catalogModuleJumpCloud, customDevices()],
      config,
    );
    try {
      await fake.publish(JUMPCLOUD_SYNC_COMPLETED_TOPIC, {
        connectionId: 'c1',
        connectionName: 'acme',
        runId: 'run-1',
      });
      const entities = await settledEntities(catalog, 4 + 3 + 1 + 1);
      for (const device of entities.filter(e => e.kind === 'Resource')) {
        expect(device.spec?.system).toBe('laptops');
      }
    } finally {
      await backend.stop();
    }
  });

  it('refuses a second transformer of the same kind', async () => {
    await expect(
      startCatalogBackend(
        [catalogModuleJumpCloud, customDevices(true)],
        config,
      ),
    ).rejects.toThrow(/device transformer may be set only once/);
  });
});
