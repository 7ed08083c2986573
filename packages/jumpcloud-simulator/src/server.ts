import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  defaultNow,
  type KeyOwnerSeeds,
  type SimulatorDataset,
} from './data/dataset';
import { parsePlan } from './access/plan';
import { resolveRole } from './access/roles';
import type { AdminSeed } from './data/generateAdmins';
import { applyProfiles } from './profiles/profiles';
import { DAY_MS, Random } from './data/random';
import { resolveSize } from './data/sizes';
import { JcHttpError } from './http/errors';
import {
  apiPipeline,
  CONTROL_PREFIX,
  errorHandler,
  sendError,
} from './http/pipeline';
import { applicationsRouter } from './routes/applications';
import { associationsRouter } from './routes/associations';
import { oauthRouter, type ServiceAccount } from './routes/oauth';
import type { KeyRecord } from './http/keyStore';
import { controlRouter, type ControlInfo } from './routes/control';
import { directoryInsightsRouter } from './routes/directoryInsights';
import { systemInsightsRouter } from './routes/systemInsights';
import { v1Router } from './routes/v1';
import { v2Router } from './routes/v2';
import { SimulatorState, type SimulatorControl } from './state';
import type { AdminRole, Region, SimulatorOptions } from './types';

export interface SimulatorKeys {
  /** US, Read Only admin (or the `role` option's role), single org. */
  readOnly: string;
  /** US, Administrator, single org. */
  admin: string;
  /** US, Command Runner (403 on most reads). */
  commandRunner: string;
  /** US, MSP admin seeing every org: x-org-id required on org-scoped routes. */
  multiTenant: string;
  /** EU region key (401 on the US listener). */
  euReadOnly: string;
  /** IN region key (401 on the US listener). */
  inReadOnly: string;
}

export interface StartedSimulator {
  url: string;
  regionUrls: Record<Region, string>;
  keys: SimulatorKeys;
  orgId: string;
  orgs: Array<{ id: string; name: string }>;
  dataset: SimulatorDataset;
  control: SimulatorControl;
  /** Client credentials for POST /oauth2/token (Read Only, US, primary org). */
  serviceAccount: ServiceAccount;
  close(): Promise<void>;
}

const BUILT_IN: Array<{
  name: keyof SimulatorKeys;
  role: AdminRole;
  region: Region;
  everyOrg?: boolean;
}> = [
  { name: 'readOnly', role: 'Read Only', region: 'us' },
  { name: 'admin', role: 'Administrator', region: 'us' },
  { name: 'commandRunner', role: 'Command Runner', region: 'us' },
  { name: 'multiTenant', role: 'Administrator', region: 'us', everyOrg: true },
  { name: 'euReadOnly', role: 'Read Only', region: 'eu' },
  { name: 'inReadOnly', role: 'Read Only', region: 'in' },
];

function sizeLabel(size: SimulatorOptions['size']): string {
  if (size === undefined) return 'S';
  return typeof size === 'string' ? size : 'custom';
}

type ServiceAccounts = Map<string, { secret: string; record: KeyRecord }>;

function createApp(
  state: SimulatorState,
  region: Region,
  info: () => ControlInfo,
  accounts: ServiceAccounts,
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.use('/oauth2', oauthRouter(state.tokens, accounts, region));
  app.use(CONTROL_PREFIX, controlRouter(state, info));
  app.use(['/api', '/insights/directory/v1'], apiPipeline(state, region));
  app.use(
    '/api/v2',
    v2Router(state),
    systemInsightsRouter(state),
    associationsRouter(state),
    applicationsRouter(state),
  );
  app.use('/api', v1Router(state));
  app.use('/insights/directory/v1', directoryInsightsRouter(state));
  app.use((_req, res) =>
    sendError(res, new JcHttpError(404, 'Not Found: no such route')),
  );
  app.use(errorHandler);
  return app;
}

function listen(
  app: express.Express,
  host: string,
  port: number,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** Starts the simulator: one listener per region sharing one dataset. */
export async function startSimulator(
  requested: SimulatorOptions = {},
): Promise<StartedSimulator> {
  const options = applyProfiles(requested);
  const plan = options.plan ? parsePlan(options.plan) : undefined;
  // The credentials an integration is given follow the `role` option.
  const integration = resolveRole(options.role ?? 'readOnly');
  const accountRole = resolveRole(
    options.serviceAccount?.role ?? options.role ?? 'readOnly',
  );
  const accountPlan = options.serviceAccount?.plan
    ? parsePlan(options.serviceAccount.plan)
    : plan;
  const roleOf = (name: keyof SimulatorKeys, role: AdminRole) =>
    name === 'readOnly' ? integration : { role };
  const seed = options.seed ?? 1;
  const spec = resolveSize(options.size);
  const nowMs =
    options.now !== undefined ? new Date(options.now).getTime() : defaultNow();
  if (Number.isNaN(nowMs)) throw new Error('Invalid "now" option');
  const keyRandom = Random.derive(seed, 'keys');

  const keyStrings = {} as SimulatorKeys;
  const owners: KeyOwnerSeeds = { primary: [], everyOrg: [] };
  const ownerByKey = new Map<string, AdminSeed>();
  for (const k of BUILT_IN) {
    keyStrings[k.name] = `jca_${keyRandom.hex(40)}`;
    const seedAdmin: AdminSeed = {
      id: keyRandom.objectId(nowMs - 400 * DAY_MS),
      role: roleOf(k.name, k.role).role,
      email: `${k.name.toLowerCase()}@integrations.example`,
      apiKey: true,
    };
    (k.everyOrg ? owners.everyOrg : owners.primary).push(seedAdmin);
    ownerByKey.set(k.name, seedAdmin);
  }
  const extra = Object.entries(options.extraKeys ?? {}).map(
    ([key, spec2]) => [key, spec2, resolveRole(spec2.role)] as const,
  );
  for (const [label, , role] of extra) {
    const seedAdmin: AdminSeed = {
      id: keyRandom.objectId(nowMs - 300 * DAY_MS),
      role: role.role,
      email: `${
        label.replace(/[^a-z0-9]+/gi, '').toLowerCase() || 'extra'
      }@integrations.example`,
      apiKey: true,
    };
    owners.primary.push(seedAdmin);
    ownerByKey.set(`extra:${label}`, seedAdmin);
  }

  const state = new SimulatorState(seed, spec, nowMs, owners, {
    latencyMs: options.latencyMs ?? 0,
    jitterMs: options.jitterMs ?? 0,
    rateLimit: options.rateLimit ?? null,
    tokenTtlSeconds: options.tokenTtlSeconds,
    mspTenants: options.mspTenants,
    churn: options.churn ?? null,
  });
  const orgIds = state.orgIds();
  const primary = state.dataset.primaryOrgId;
  for (const k of BUILT_IN) {
    const owner = ownerByKey.get(k.name)!;
    state.keys.add(keyStrings[k.name], {
      label: k.name,
      adminId: owner.id,
      ...roleOf(k.name, k.role),
      plan,
      region: k.region,
      orgIds: k.everyOrg ? orgIds : [primary],
    });
  }
  extra.forEach(([key, spec2, role], i) => {
    const owner = ownerByKey.get(`extra:${key}`)!;
    state.keys.add(key, {
      label: `extra${i + 1}`,
      adminId: owner.id,
      ...role,
      plan: spec2.plan ? parsePlan(spec2.plan) : plan,
      region: spec2.region ?? 'us',
      orgIds: spec2.orgIds ?? [primary],
    });
  });

  // One service account (US, primary org; Read Only unless the `role` or
  // `serviceAccount` options say otherwise) for the OAuth flow.
  const serviceAccount: ServiceAccount = {
    clientId: `sa_${keyRandom.hex(24)}`,
    clientSecret: keyRandom.hex(48),
  };
  const accounts: ServiceAccounts = new Map([
    [
      serviceAccount.clientId,
      {
        secret: serviceAccount.clientSecret,
        record: {
          label: 'serviceAccount',
          adminId: keyRandom.objectId(nowMs - 100 * DAY_MS),
          ...accountRole,
          plan: accountPlan,
          region: 'us',
          orgIds: [primary],
        },
      },
    ],
  ]);

  const host = options.host ?? '127.0.0.1';
  const regionUrls = {} as Record<Region, string>;
  const info = (): ControlInfo => ({
    seed,
    size: sizeLabel(options.size),
    keys: { ...keyStrings },
    regionUrls,
    serviceAccount: { ...serviceAccount },
  });
  const servers: Server[] = [];
  const ports: Record<Region, number> = {
    us: options.port ?? 0,
    eu: options.euPort ?? 0,
    in: options.inPort ?? 0,
  };
  try {
    for (const region of ['us', 'eu', 'in'] as const) {
      const server = await listen(
        createApp(state, region, info, accounts),
        host,
        ports[region],
      );
      servers.push(server);
      const port = (server.address() as AddressInfo).port;
      regionUrls[region] = `http://${
        host.includes(':') ? `[${host}]` : host
      }:${port}`;
    }
  } catch (error) {
    servers.forEach(s => s.close());
    throw error;
  }

  return {
    url: regionUrls.us,
    regionUrls,
    keys: keyStrings,
    orgId: primary,
    orgs: orgIds.map(id => ({
      id,
      name:
        state.tenants.names.get(id) ??
        state.dataset.orgs.find(o => o.id === id)!.name,
    })),
    dataset: state.dataset,
    control: state,
    serviceAccount,
    close: () =>
      Promise.all(
        servers.map(
          s =>
            new Promise<void>(resolve => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      ).then(() => undefined),
  };
}
