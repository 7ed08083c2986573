import {
  startSimulator,
  StartedSimulator,
} from '@backstage-jumpcloud/jumpcloud-simulator';
import { JumpCloudClient } from '../client/JumpCloudClient';
import type { JumpCloudClientOptions } from '../client/types';

export type SimulatorOptions = Parameters<typeof startSimulator>[0];

/** A client for the simulator with fast retries (tests stay quick). */
export function clientFor(
  sim: StartedSimulator,
  overrides: Partial<JumpCloudClientOptions> = {},
): JumpCloudClient {
  return new JumpCloudClient({
    apiKey: sim.keys.readOnly,
    apiUrl: sim.url,
    regionUrls: sim.regionUrls,
    requestsPerSecond: 500,
    maxConcurrency: 4,
    retryBaseDelayMs: 10,
    retryMaxDelayMs: 50,
    timeoutMs: 5_000,
    ...overrides,
  });
}

/** Starts a simulator for a describe block and closes it afterwards. */
export function useSimulator(
  options: SimulatorOptions = {},
): () => StartedSimulator {
  let sim: StartedSimulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator(options);
  });
  afterAll(async () => {
    await sim?.close();
  });
  afterEach(() => {
    sim?.control.clearFaults();
    sim?.control.setRateLimit(null);
    sim?.control.setLatency(0, 0);
  });
  return () => {
    if (!sim) throw new Error('simulator not started');
    return sim;
  };
}
