import { parseArgs } from 'node:util';
import { startSimulator } from './server';
import type { SizeName } from './types';

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
  const sim = await startSimulator({
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
      : undefined,
    now: values.now,
    extraKeys: { [DEMO_KEY]: { role: 'Read Only', region: 'us' } },
  });
  const stop = () => {
    sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(
    `JumpCloud simulator listening on ${sim.url} (EU ${sim.regionUrls.eu}, IN ${
      sim.regionUrls.in
    }; seed ${values.seed ?? 1}, size ${size}, org ${
      sim.orgId
    }; demo key ${DEMO_KEY}; control API ${sim.url}/__simulator)\n`,
  );
}
