import type {
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { CheckCatalogue } from '../checks/CheckCatalogue';
import type { ConnectionsService } from '../connections/ConnectionsService';
import type { ConnectionsStore } from '../connections/ConnectionsStore';
import type { FindingsStore } from '../findings/FindingsStore';
import type { Clock } from '../findings/time';
import type { EntityPostureService } from '../posture/EntityPostureService';
import type { RunsStore } from '../runs/RunsStore';
import type { SyncStarter } from '../sync/SyncStarter';

/**
 * What the actions read and call: the same services the REST routes use,
 * so an agent sees what the API would show the same caller.
 */
export interface JumpCloudActionsDeps {
  permissions: PermissionsService;
  auditor: AuditorService;
  /** Resolves entity refs with the caller's credentials (catalog permissions apply). */
  catalog: CatalogService;
  connections: Pick<ConnectionsStore, 'get' | 'getByName' | 'list'>;
  connectionsService: Pick<ConnectionsService, 'get'>;
  runs: Pick<RunsStore, 'get'>;
  findings: Pick<FindingsStore, 'list'>;
  catalogue: Pick<CheckCatalogue, 'has' | 'describe'>;
  entityPosture: Pick<EntityPostureService, 'read'>;
  syncStarter: Pick<SyncStarter, 'start'>;
  clock: Clock;
}

export type ActionsRegistry = Pick<ActionsRegistryService, 'register'>;

/**
 * The `z` the actions registry hands to schema callbacks. Typed from the
 * registry rather than our own `zod` import: the registry's zod is another
 * copy, and comparing two copies' types structurally exhausts the compiler.
 */
export type ActionZod = Parameters<
  Parameters<ActionsRegistryService['register']>[0]['schema']['input']
>[0];
