import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

// A second JumpCloud simulator for the browser suite: an organisation whose
// plan has neither Directory Insights nor Conditional Access (profile
// `no-premium`: JumpCloud answers 402 on those routes). The demo's own
// simulator (:7011, every feature) stays as it is, so the demo's first visit
// is unchanged; app-config.yaml's jumpcloud.allowedHosts admits this one so
// that a test can add a connection to it as an admin would.

/** Fixed, because jumpcloud.allowedHosts names it. */
export const NO_PREMIUM_PORT = 7021;
export const NO_PREMIUM_URL = `http://127.0.0.1:${NO_PREMIUM_PORT}`;
/** The simulator's read-only demo key; seed 2 is another organisation than the demo's. */
export const NO_PREMIUM_KEY = 'jcsim_readonly_demo_key_0001';
const SEED = '2';

const BIN = path.resolve(
  __dirname,
  '../../jumpcloud-simulator/bin/jumpcloud-simulator',
);

/** Starts the simulator and resolves once it listens; the result stops it. */
export function startNoPremiumSimulator(): Promise<() => Promise<void>> {
  return startSimulatorProcess({
    port: NO_PREMIUM_PORT,
    seed: SEED,
    profile: 'no-premium',
  });
}

/**
 * Starts a simulator of size S on `port` (which jumpcloud.allowedHosts must
 * name) and resolves once it listens; the result stops it.
 */
export async function startSimulatorProcess(options: {
  port: number;
  seed: string;
  profile?: string;
}): Promise<() => Promise<void>> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(
    process.execPath,
    [
      BIN,
      '--port',
      String(options.port),
      // The EU and IN listeners are not used: any free port.
      '--eu-port',
      '0',
      '--in-port',
      '0',
      '--seed',
      options.seed,
      '--size',
      'S',
      ...(options.profile ? ['--profile', options.profile] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stopOnExit = () => child.kill('SIGTERM');
  process.once('exit', stopOnExit);
  try {
    await listening(child, url);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return async () => {
    process.removeListener('exit', stopOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise(resolve => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([
      exited,
      new Promise(resolve => setTimeout(resolve, 5000)),
    ]);
    if (child.exitCode === null && child.signalCode === null)
      child.kill('SIGKILL');
  };
}

function listening(child: ChildProcess, url: string): Promise<void> {
  let output = '';
  let ready = false;
  const started = new Promise<void>((resolve, reject) => {
    // Read on after it listens too, so that a full pipe never blocks it.
    const collect = (chunk: Buffer) => {
      if (ready) return;
      output += chunk.toString();
      if (output.includes('JumpCloud simulator listening on')) {
        ready = true;
        resolve();
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('error', reject);
    child.once('exit', code => reject(new Error(`exited (${code})`)));
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error('did not listen within 60 s')),
      60_000,
    );
  });
  return Promise.race([started, timeout])
    .catch((error: Error) => {
      throw new Error(`simulator on ${url}: ${error.message}\n${output}`);
    })
    .finally(() => clearTimeout(timer));
}
