// Child process of bench:api: load-tests one route with autocannon at a fixed
// concurrency, apart from the backend so the load generator does not share
// its event loop. Records every response time (autocannon's own percentiles
// stop at p90 / p97.5) and reports p50 / p95 / p99 and requests per second.
import autocannon from 'autocannon';

export interface LoadRequest {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
}

export interface LoadReport {
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  bytesPerResponse: number;
}

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function main() {
  const request = JSON.parse(process.argv[2]) as LoadRequest;
  const times: number[] = [];
  let bytes = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: request.url,
        headers: request.headers,
        connections: request.connections,
        duration: request.durationSeconds,
        timeout: 30,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, resBytes, responseTime) => {
      times.push(responseTime);
      bytes += resBytes;
    });
  });
  times.sort((a, b) => a - b);
  const report: LoadReport = {
    requests: times.length,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    requestsPerSecond: times.length / request.durationSeconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times[times.length - 1] ?? NaN,
    bytesPerResponse: times.length ? bytes / times.length : 0,
  };
  process.send!({ type: 'report', report });
}

main().catch(error => {
  process.stderr.write(`load failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
