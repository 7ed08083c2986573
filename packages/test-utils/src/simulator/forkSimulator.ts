import { fork, type ChildProcess } from 'node:child_process';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type {
  RequestCounters,
  SimulatorOptions,
  SizeSpec,
} from '@backstage-jumpcloud/jumpcloud-simulator';

/** What the simulator process sends once it listens. */
export interface SimulatorReady {
  type: 'ready';
  url: string;
  /** The Read Only key of the primary organisation. */
  apiKey: string;
  orgId: string;
  /** The primary organisation's size: devices, users, groups, policies … */
  spec: SizeSpec;
}

/**
 * The simulator's options, sent as JSON; `size` may be a name as read from a
 * command line (the simulator refuses an unknown one).
 */
export type ForkSimulatorOptions = Omit<SimulatorOptions, 'size'> & {
  size?: SimulatorOptions['size'] | string;
};

/** What the parent may ask the simulator process. */
export type SimulatorRequest = { type: 'counters' } | { type: 'close' };

/** A simulator running in a child process. */
export interface SimulatorProcess extends Omit<SimulatorReady, 'type'> {
  child: ChildProcess;
  /** The requests the simulator has seen so far. */
  counters(): Promise<RequestCounters>;
  /** Stops the simulator; its process exits. */
  close(): void;
}

/** Node flags for a child process that runs TypeScript source. */
export const TS_EXEC_ARGV: readonly string[] = [
  '-r',
  require.resolve('@backstage/cli/config/nodeTransform.cjs'),
];

/**
 * The next IPC message of a type from a child process (the TS transform
 * sends others too); rejects when the child exits first.
 */
export function nextMessage<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const listeners = {
      message: (message: any) => {
        if (message?.type !== type) return;
        child.off('message', listeners.message);
        child.off('exit', listeners.exit);
        resolve(message as T);
      },
      exit: (code: number | null) =>
        reject(new Error(`${child.spawnargs.join(' ')} exited with ${code}`)),
    };
    child.on('message', listeners.message);
    child.once('exit', listeners.exit);
  });
}

/**
 * Starts the JumpCloud simulator in a child process of its own (so its
 * dataset stays out of the memory a benchmark measures) and resolves once it
 * listens.
 */
export async function forkSimulator(
  options: ForkSimulatorOptions,
): Promise<SimulatorProcess> {
  const child = fork(
    resolvePackagePath(
      '@backstage-jumpcloud/test-utils',
      'src/simulator/simulatorProcess.ts',
    ),
    [JSON.stringify(options)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [...TS_EXEC_ARGV],
    },
  );
  const { type: _type, ...ready } = await nextMessage<SimulatorReady>(
    child,
    'ready',
  );
  return {
    ...ready,
    child,
    async counters() {
      const answer = nextMessage<{ counters: RequestCounters }>(
        child,
        'counters',
      );
      child.send({ type: 'counters' } satisfies SimulatorRequest);
      return (await answer).counters;
    },
    close() {
      child.send({ type: 'close' } satisfies SimulatorRequest);
    },
  };
}
