import { parseArgs } from 'node:util';
import { ALL_FEATURES } from './access/plan';
import type { CustomRole, RoleOption } from './access/roles';
import { DEFAULT_CHURN } from './churn/options';
import { applyProfiles, PROFILE_NAMES } from './profiles/profiles';
import { startSimulator } from './server';
import type { SimulatorOptions, SizeName } from './types';

/** The fixed read-only key the demo's app-config.yaml uses. */
export const DEMO_KEY = 'jcsim_readonly_demo_key_0001';

const USAGE = `Usage: jumpcloud-simulator [options]
  --port <n>         US listener port (default 7011)
  --eu-port <n>      EU listener port (default: port + 1)
  --in-port <n>      IN listener port (default: port + 2)
  --host <host>      bind address (default 127.0.0.1)
  --seed <n>         data seed (default 1)
  --size <S|M|L|XL>  dataset size (default S)
  --latency <ms>     fixed latency per request (default 0)
  --jitter <ms>      random extra latency up to this (default 0)
  --rate-limit <n>   requests per second per key (default: unlimited)
  --retry-after      send Retry-After with 429s
  --profile <names>  comma-separated: ${PROFILE_NAMES.join(', ')}
  --plan <features>  comma-separated plan (default all: ${ALL_FEATURES.join(
    ',',
  )}); others answer 402
  --role <role>      role of the demo key: administrator, readOnly (default), helpDesk, manager, commandRunner
  --forbid <routes>  comma-separated route prefixes the demo key's role cannot read (a custom role on --role)
  --churn            users, System Insights rows and events move while a client pages
  --msp-tenants <n>  extra lazily generated tenants for the multi-tenant key
  --now <iso>        reference time for the data (default: start of today, UTC)
  --help`;

function int(
  name: string,
  value: string | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} must be a non-negative integer`);
  return n;
}

export async function runCli(
  argv: string[] = process.argv.slice(2),
): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'eu-port': { type: 'string' },
      'in-port': { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      size: { type: 'string' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      'rate-limit': { type: 'string' },
      'retry-after': { type: 'boolean' },
      profile: { type: 'string' },
      plan: { type: 'string' },
      role: { type: 'string' },
      forbid: { type: 'string' },
      churn: { type: 'boolean' },
      'msp-tenants': { type: 'string' },
      now: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const size = (values.size ?? 'S').toUpperCase();
  if (!['S', 'M', 'L', 'XL'].includes(size))
    throw new Error('--size must be S, M, L or XL');
  const port = int('port', values.port, 7011);
  const rate =
    values['rate-limit'] === undefined
      ? undefined
      : int('rate-limit', values['rate-limit'], 0);
  const list = (value: string | undefined) =>
    value
      ?.split(',')
      .map(v => v.trim())
      .filter(Boolean);
  const role: RoleOption | undefined = values.forbid
    ? {
        base: (values.role ?? 'readOnly') as CustomRole['base'],
        forbidden: list(values.forbid)!,
      }
    : (values.role as RoleOption | undefined);
  const options: SimulatorOptions = applyProfiles({
    profile: list(values.profile) as SimulatorOptions['profile'],
    plan: list(values.plan) as SimulatorOptions['plan'],
    role,
    churn: values.churn ? DEFAULT_CHURN : undefined,
    mspTenants:
      values['msp-tenants'] === undefined
        ? undefined
        : int('msp-tenants', values['msp-tenants'], 0),
  });
  const sim = await startSimulator({
    ...options,
    host: values.host ?? '127.0.0.1',
    port,
    euPort: int('eu-port', values['eu-port'], port === 0 ? 0 : port + 1),
    inPort: int('in-port', values['in-port'], port === 0 ? 0 : port + 2),
    seed: int('seed', values.seed, 1),
    size: size as SizeName,
    latencyMs: int('latency', values.latency, 0),
    jitterMs: int('jitter', values.jitter, 0),
    rateLimit: rate
      ? { perSecond: rate, retryAfter: values['retry-after'] === true }
      : options.rateLimit && {
          ...options.rateLimit,
          retryAfter: values['retry-after'] === true,
        },
    now: values.now,
    // The demo key is the integration's credential: it takes the role.
    extraKeys: {
      [DEMO_KEY]: { role: options.role ?? 'Read Only', region: 'us' },
    },
  });
  const stop = () => {
    sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(
    `JumpCloud simulator listening on ${sim.url} (EU ${sim.regionUrls.eu}, IN ${
      sim.regionUrls.in
    }; seed ${values.seed ?? 1}, size ${size}, org ${sim.orgId}${
      values.profile ? `, profile ${values.profile}` : ''
    }; demo key ${DEMO_KEY}; control API ${sim.url}/__simulator)\n`,
  );
}
