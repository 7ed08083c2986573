// Benchmark of the JumpCloud client (plugins/jumpcloud-node): reads a whole
// simulated organisation with the planned client (fetchOrgSnapshot) and with
// a plain sequential client, under the same latency and rate limit, and
// prints requests, the plan's minimum, wall time, the floor
// (requests ÷ rate limit), the ratio, peak RSS and 429 figures.
//
//   yarn bench:client [--size S|M|L|XL] [--latency 50] [--rate 20]
//                     [--client-rps <rate>] [--concurrency 4] [--seed 1]
//                     [--sequential full|sample|skip] [--sample 40]
//                     [--profile default|throttled]
//
// --profile throttled: the simulator's real limit (--rate, default 20/s) is
// a third of the rate the client is configured for (--client-rps, default
// 3 × --rate) and is answered with 429 *without* Retry-After, as JumpCloud
// does; org size L by default, no sequential client. It prints the 429s
// surfaced as errors (target 0), wall time, the floor the real limit sets
// (requests that got through ÷ real rate) and the ratio (target ≤ 1.2).
//
// Environment equivalents: JUMPCLOUD_BENCH_SIZE, JUMPCLOUD_BENCH_LATENCY_MS,
// JUMPCLOUD_BENCH_RATE, JUMPCLOUD_BENCH_SEQUENTIAL.
// The simulator and each client run in their own process, so peak RSS is
// the client's alone. Above size S the sequential client (hours of requests)
// is sampled per phase and extrapolated; its figures are marked "estimated".
import { fork, ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  forkSimulator,
  nextMessage,
} from '@backstage-jumpcloud/test-utils/simulator';
import type { RunReport, RunRequest } from './client/runClient';

const { values } = parseArgs({
  options: {
    size: { type: 'string' },
    latency: { type: 'string' },
    rate: { type: 'string' },
    'client-rps': { type: 'string' },
    concurrency: { type: 'string' },
    seed: { type: 'string' },
    sequential: { type: 'string' },
    sample: { type: 'string' },
    profile: { type: 'string' },
  },
});

const profile = values.profile ?? 'default';
if (profile !== 'default' && profile !== 'throttled') {
  throw new Error(`Unknown profile "${profile}": default or throttled`);
}
const throttled = profile === 'throttled';

const size = (
  values.size ??
  process.env.JUMPCLOUD_BENCH_SIZE ??
  'L'
).toUpperCase();
const latencyMs = Number(
  values.latency ?? process.env.JUMPCLOUD_BENCH_LATENCY_MS ?? 50,
);
const rate = Number(values.rate ?? process.env.JUMPCLOUD_BENCH_RATE ?? 20);
const clientRps = Number(values['client-rps'] ?? (throttled ? 3 * rate : rate));
const concurrency = Number(values.concurrency ?? 4);
const seed = Number(values.seed ?? 1);
const sequentialMode = throttled
  ? 'skip'
  : values.sequential ??
    process.env.JUMPCLOUD_BENCH_SEQUENTIAL ??
    (size === 'S' ? 'full' : 'sample');
const samplePerPhase = Number(values.sample ?? 40);

function forkChild(file: string, arg: unknown): ChildProcess {
  return fork(path.join(__dirname, 'client', file), [JSON.stringify(arg)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

async function runClient(request: RunRequest): Promise<RunReport> {
  const message = await nextMessage<{ report: RunReport }>(
    forkChild('runClient.ts', request),
    'report',
  );
  return message.report;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function figures(report: RunReport) {
  const floorMs = (report.requests / rate) * 1000;
  return {
    requests: report.requests,
    minimal: report.minimalRequests,
    wallMs: report.wallMs,
    floorMs,
    ratio: report.wallMs / floorMs,
    rss: report.peakRssBytes,
  };
}

/** --profile throttled: 429 without Retry-After at a third of the client's rate. */
async function mainThrottled() {
  const simulator = await forkSimulator({
    seed,
    size,
    latencyMs,
    rateLimit: { perSecond: rate, retryAfter: false },
  });
  const spec = simulator.spec;
  process.stdout.write(
    `JumpCloud client benchmark, profile throttled: org ${size} (${spec.devices} devices, ${spec.users} users), ${latencyMs} ms latency; the key's real limit ${rate} req/s, answered 429 without Retry-After; the client configured for ${clientRps} req/s, concurrency ${concurrency}\n`,
  );
  try {
    const planned = await runClient({
      mode: 'planned',
      url: simulator.url,
      apiKey: simulator.apiKey,
      requestsPerSecond: clientRps,
      maxConcurrency: concurrency,
    });
    const counters = await simulator.counters();
    const surfaced = Object.values(planned.failures).filter(f =>
      f.startsWith('rate_limited'),
    ).length;
    // The simulator's limit lets `rate` requests a second through; a 429
    // costs it nothing. The floor is what got through at that rate.
    const through = planned.requests - planned.rateLimited;
    const floorMs = (through / rate) * 1000;
    const ratio = planned.wallMs / floorMs;
    const rows: Array<[string, string]> = [
      ['requests made (retries included)', String(planned.requests)],
      [
        'minimal requests for its plan (a page per 100 or 10 000)',
        String(planned.minimalRequests),
      ],
      ['429 received (all retried)', String(planned.rateLimited)],
      ['429 surfaced as errors', `${surfaced} (target 0)`],
      ['wall time', seconds(planned.wallMs)],
      [
        `floor (${through} requests through ÷ ${rate} req/s real limit)`,
        seconds(floorMs),
      ],
      ['ratio (wall ÷ floor)', `${ratio.toFixed(3)} (target ≤ 1.2)`],
      [
        'floor counting every request sent',
        `${seconds((planned.requests / rate) * 1000)} (ratio ${(
          planned.wallMs /
          ((planned.requests / rate) * 1000)
        ).toFixed(3)})`,
      ],
      [
        'client rate at the end / configured',
        planned.requestRate
          ? `${planned.requestRate.current.toFixed(1)} / ${
              planned.requestRate.configured
            } req/s after ${planned.requestRate.cuts} cuts`
          : '-',
      ],
      ['peak RSS', mib(planned.peakRssBytes)],
    ];
    const width = Math.max(...rows.map(r => r[0].length));
    process.stdout.write('\n');
    for (const [name, value] of rows) {
      process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
    }
    process.stdout.write(
      `\nsimulator saw ${counters.total} requests, ${counters.rateLimited} answered 429\n`,
    );
    const failed = Object.entries(planned.failures);
    process.stdout.write(
      failed.length === 0
        ? 'data-type failures: none (complete snapshot)\n'
        : `data-type failures:\n${failed
            .map(([t, m]) => `  ${t}: ${m}`)
            .join('\n')}\n`,
    );
    const result = (
      name: string,
      target: string,
      measured: string,
      met: boolean,
    ) =>
      process.stdout.write(
        `RESULT ${JSON.stringify({ name, target, measured, met, size })}\n`,
      );
    process.stdout.write(
      `\nratio ${ratio.toFixed(3)} (target ≤ 1.2): ${
        ratio <= 1.2 ? 'met' : 'NOT met'
      }\n429s surfacing as errors: ${surfaced} (target 0)\n`,
    );
    result(
      'client, throttled (429 without Retry-After at a third of its rate): wall time ÷ floor',
      '≤ 1.2',
      `${ratio.toFixed(3)} (${through} requests through in ${seconds(
        planned.wallMs,
      )}; ${planned.rateLimited} 429s)`,
      ratio <= 1.2,
    );
    result(
      'client, throttled: 429s surfaced as errors',
      '0',
      String(surfaced),
      surfaced === 0,
    );
  } finally {
    simulator.close();
  }
}

async function main() {
  if (throttled) {
    await mainThrottled();
    return;
  }
  const simulator = await forkSimulator({
    seed,
    size,
    latencyMs,
    rateLimit: { perSecond: rate, retryAfter: true },
  });
  const spec = simulator.spec;
  process.stdout.write(
    `JumpCloud client benchmark: org ${size} (${spec.devices} devices, ${
      spec.users
    } users, ${spec.groups} groups, ${
      spec.policies
    } policies, System Insights on ${Math.round(
      spec.systemInsightsShare * 100,
    )}% of devices), ${latencyMs} ms latency, ${rate} req/s limit\n`,
  );
  try {
    const planned = await runClient({
      mode: 'planned',
      url: simulator.url,
      apiKey: simulator.apiKey,
      requestsPerSecond: clientRps,
      maxConcurrency: concurrency,
    });
    let sequential: RunReport | undefined;
    if (sequentialMode !== 'skip') {
      sequential = await runClient({
        mode: 'sequential',
        url: simulator.url,
        apiKey: simulator.apiKey,
        requestsPerSecond: 1_000_000,
        maxConcurrency: 1,
        samplePerPhase:
          sequentialMode === 'sample' ? samplePerPhase : undefined,
      });
    }
    const counters = await simulator.counters();

    const p = figures(planned);
    const s = sequential ? figures(sequential) : undefined;
    const est = sequential?.estimated ? ' (estimated)' : '';
    const rows: Array<[string, string, string]> = [
      ['requests made', String(p.requests), s ? `${s.requests}${est}` : '-'],
      [
        'minimal requests for its plan',
        String(p.minimal),
        s ? `${s.minimal}${est}` : '-',
      ],
      ['wall time', seconds(p.wallMs), s ? `${seconds(s.wallMs)}${est}` : '-'],
      [
        'floor (requests ÷ rate limit)',
        seconds(p.floorMs),
        s ? `${seconds(s.floorMs)}${est}` : '-',
      ],
      [
        'ratio (wall ÷ floor)',
        p.ratio.toFixed(3),
        s ? `${s.ratio.toFixed(3)}${est}` : '-',
      ],
      ['peak RSS', mib(p.rss), s ? mib(s.rss) : '-'],
      [
        '429 received (retried)',
        String(planned.rateLimited),
        s ? String(sequential!.rateLimited) : '-',
      ],
      [
        '429 surfaced as errors',
        String(
          Object.values(planned.failures).filter(f =>
            f.startsWith('rate_limited'),
          ).length,
        ),
        s ? '0' : '-',
      ],
    ];
    const width = Math.max(...rows.map(r => r[0].length));
    const col = Math.max(16, ...rows.map(r => r[1].length));
    process.stdout.write(
      `\n${'figure'.padEnd(width)}  ${'planned client'.padStart(
        col,
      )}  sequential client\n`,
    );
    for (const [name, a, b] of rows) {
      process.stdout.write(`${name.padEnd(width)}  ${a.padStart(col)}  ${b}\n`);
    }
    process.stdout.write(
      `\nplanned client: concurrency ${concurrency}, ${clientRps} req/s cap; ${planned.retries} retries; simulator saw ${counters.total} requests, ${counters.rateLimited} rate-limited\n`,
    );
    process.stdout.write(`counts: ${JSON.stringify(planned.counts)}\n`);
    const failed = Object.entries(planned.failures);
    process.stdout.write(
      failed.length === 0
        ? 'data-type failures: none (complete snapshot)\n'
        : `data-type failures:\n${failed
            .map(([t, m]) => `  ${t}: ${m}`)
            .join('\n')}\n`,
    );
    if (sequential) {
      process.stdout.write(
        `sequential client: one page at a time, per-object calls (device access per user, policy results per device, System Insights per device and table)${
          sequential.estimated
            ? `; sampled ${samplePerPhase} objects per per-object phase, measured ${
                sequential.measuredRequests
              } requests in ${seconds(
                sequential.measuredWallMs,
              )}, extrapolated to every object`
            : ''
        }\n`,
      );
      for (const phase of sequential.phases as any[]) {
        process.stdout.write(
          `  ${phase.name}: ${phase.sampledObjects}/${phase.objects} objects, ${
            phase.requests
          } requests, ${seconds(phase.wallMs)}\n`,
        );
      }
    }
    const targets = [
      `ratio ${p.ratio.toFixed(3)} (target ≤ 1.15): ${
        p.ratio <= 1.15 ? 'met' : 'NOT met'
      }`,
      `429s surfacing as errors: ${
        Object.values(planned.failures).filter(f =>
          f.startsWith('rate_limited'),
        ).length
      } (target 0)`,
    ];
    if (s) {
      const speedup = s.wallMs / p.wallMs;
      targets.push(
        `speed-up vs sequential ${speedup.toFixed(1)}×${est} (target ≥ 10×): ${
          speedup >= 10 ? 'met' : 'NOT met'
        }`,
      );
    }
    process.stdout.write(`\n${targets.join('\n')}\n`);
    // Machine-readable lines for scripts/bench-all.mjs's summary table.
    const result = (
      name: string,
      target: string,
      measured: string,
      met: boolean,
    ) =>
      process.stdout.write(
        `RESULT ${JSON.stringify({ name, target, measured, met, size })}\n`,
      );
    const surfaced = Object.values(planned.failures).filter(f =>
      f.startsWith('rate_limited'),
    ).length;
    result(
      'client: wall time ÷ rate-limit floor',
      '≤ 1.15',
      `${p.ratio.toFixed(3)} (${p.requests} requests in ${seconds(
        p.wallMs,
      )}; peak RSS ${mib(p.rss)})`,
      p.ratio <= 1.15,
    );
    result(
      'client: 429s surfaced as errors',
      '0',
      String(surfaced),
      surfaced === 0,
    );
    if (s) {
      const speedup = s.wallMs / p.wallMs;
      result(
        'client: speed-up vs a sequential client',
        '≥ 10×',
        `${speedup.toFixed(1)}×${est}`,
        speedup >= 10,
      );
    }
  } finally {
    simulator.close();
  }
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
