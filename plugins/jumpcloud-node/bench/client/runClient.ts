// Child process of the client benchmark: runs one client against the
// simulator and reports its figures (peak RSS is this process's own).
import {
  fetchOrgSnapshot,
  JumpCloudClient,
} from '@backstage-jumpcloud/plugin-jumpcloud-node';
import { readSequentially } from './sequentialClient';

export interface RunRequest {
  mode: 'planned' | 'sequential';
  url: string;
  apiKey: string;
  requestsPerSecond: number;
  maxConcurrency: number;
  samplePerPhase?: number;
}

export interface RunReport {
  mode: RunRequest['mode'];
  requests: number;
  minimalRequests: number;
  wallMs: number;
  estimated: boolean;
  measuredRequests: number;
  measuredWallMs: number;
  retries: number;
  rateLimited: number;
  failures: Record<string, string>;
  counts: Record<string, number>;
  peakRssBytes: number;
  phases?: unknown;
  /** The client's adaptive request rate at the end (see JumpCloudClient.requestRate). */
  requestRate?: { configured: number; current: number; cuts: number };
}

async function main() {
  const request = JSON.parse(process.argv[2]) as RunRequest;
  const client = new JumpCloudClient({
    apiKey: request.apiKey,
    apiUrl: request.url,
    requestsPerSecond: request.requestsPerSecond,
    maxConcurrency: request.maxConcurrency,
  });
  let report: RunReport;
  if (request.mode === 'planned') {
    const started = performance.now();
    const result = await fetchOrgSnapshot(client);
    const wallMs = performance.now() - started;
    report = {
      mode: 'planned',
      requests: result.requests,
      minimalRequests: result.minimalRequests,
      wallMs,
      estimated: false,
      measuredRequests: result.requests,
      measuredWallMs: wallMs,
      retries: client.stats.retries,
      rateLimited: client.stats.rateLimited,
      failures: Object.fromEntries(
        Object.entries(result.failures).map(([type, error]) => [
          type,
          `${error!.kind}: ${error!.message}`,
        ]),
      ),
      counts: result.counts as Record<string, number>,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      requestRate: client.requestRate,
    };
  } else {
    const result = await readSequentially(client, {
      samplePerPhase: request.samplePerPhase,
    });
    report = {
      mode: 'sequential',
      requests: result.estimatedRequests,
      minimalRequests: result.estimatedMinimalRequests,
      wallMs: result.estimatedWallMs,
      estimated: result.sampled,
      measuredRequests: result.requests,
      measuredWallMs: result.wallMs,
      retries: client.stats.retries,
      rateLimited: client.stats.rateLimited,
      failures: {},
      counts: {},
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      phases: result.phases,
    };
  }
  process.send!({ type: 'report', report }, () => process.exit(0));
}

main().catch(error => {
  process.stderr.write(`client run failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
