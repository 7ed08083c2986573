#!/usr/bin/env node
// Runs every benchmark of the repository one after the other and writes
// bench/RESULTS.md: a summary table (bench, target, measured, met), the
// machine they ran on, and each benchmark's printed figures verbatim.
//
// Usage: yarn bench [--size L|XL] [--only client,sync,...]
//
// --size is passed to every benchmark as JUMPCLOUD_BENCH_SIZE (default L;
// XL = 100k devices and 100k users, where each benchmark also reports its
// peak RSS). Without --size, a benchmark that names its own size (storage:
// S) runs at that size. --only runs just the named benchmarks and replaces only their
// sections of an existing bench/RESULTS.md; the other sections keep their
// own date, size and status line.
//
// Each benchmark prints one machine-readable line per target, which the
// summary table is built from:
//   RESULT {"name":"…","target":"≤ 1.1","measured":"0.80","met":true}

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = path.join(root, 'bench', 'RESULTS.md');
const BENCHES = [
  {
    name: 'client',
    script: 'bench:client',
    what: 'JumpCloud client reading a whole org',
  },
  {
    name: 'sync',
    script: 'bench:sync',
    what: 'full sync into SQLite and PostgreSQL',
  },
  {
    name: 'storage',
    script: 'bench:storage',
    what: 'rows written per sync and storage over syncs with a 1% change, SQLite and PostgreSQL',
    // Eleven syncs of one connection into each database: over an hour at L
    // at the bench's 150 req/s. What it measures are proportions (rows a
    // later sync writes ÷ the first's, storage after ten ÷ after one),
    // which size S shows as well; --size runs it at that size instead.
    size: 'S',
  },
  {
    name: 'replicas',
    script: 'bench:replicas',
    what: 'syncs of 40 connections spread over two replicas on PostgreSQL',
  },
  {
    name: 'catalog',
    script: 'bench:catalog',
    what: 'catalog ingestion vs a static location',
  },
  {
    name: 'checks',
    script: 'bench:checks',
    what: 'check evaluation and findings API',
  },
  {
    name: 'evidence',
    script: 'bench:evidence',
    what: 'sealed evidence per run and a year of hourly syncs under the retention policy',
  },
  {
    name: 'api',
    script: 'bench:api',
    what: 'read routes of the JumpCloud backend under load',
  },
  {
    name: 'findings-page',
    script: 'bench:findings-page',
    what: 'findings page in a browser',
  },
];
/** Lines of each benchmark's output kept in RESULTS.md (RESULT lines always). */
const KEPT_LINES = 250;

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const explicitSize = arg('size') ?? process.env.JUMPCLOUD_BENCH_SIZE;
const defaultSize = (explicitSize ?? 'L').toUpperCase();
if (!['S', 'M', 'L', 'XL'].includes(defaultSize)) {
  process.stderr.write(`--size must be S, M, L or XL, not ${defaultSize}\n`);
  process.exit(2);
}
const only = arg('only')?.split(',').filter(Boolean);
const unknown = (only ?? []).filter(n => !BENCHES.some(b => b.name === n));
if (unknown.length) {
  process.stderr.write(
    `unknown benchmark(s) ${unknown.join(', ')}; known: ${BENCHES.map(
      b => b.name,
    ).join(', ')}\n`,
  );
  process.exit(2);
}
const scripts = JSON.parse(
  fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
).scripts;

const load = () =>
  os
    .loadavg()
    .map(l => l.toFixed(2))
    .join(' / ');

/**
 * Other processes using CPU (their command and %CPU over their lifetime, as
 * ps reports it), ours excluded.
 */
function otherBusyProcesses() {
  try {
    const out = execFileSync(
      'ps',
      ['-eo', 'pid,ppid,pcpu,args', '--sort=-pcpu'],
      {
        encoding: 'utf8',
      },
    );
    const rows = out
      .split('\n')
      .slice(1)
      .map(l => l.trim().match(/^(\d+)\s+(\d+)\s+([\d.]+)\s+(.*)$/))
      .filter(Boolean)
      .map(([, pid, ppid, cpu, args]) => ({
        pid: Number(pid),
        ppid: Number(ppid),
        cpu: Number(cpu),
        args,
      }));
    const ours = new Set([process.pid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const r of rows)
        if (!ours.has(r.pid) && ours.has(r.ppid)) {
          ours.add(r.pid);
          grew = true;
        }
    }
    return rows
      .filter(r => !ours.has(r.pid) && r.cpu >= 10 && !/^ps /.test(r.args))
      .slice(0, 6)
      .map(r => {
        const [exe, ...rest] = r.args.split(/\s+/);
        // the program and the first few arguments naming a script or file
        const words = rest
          .filter(w => !w.startsWith('-') && /[/.:]/.test(w))
          .slice(0, 2)
          .map(w => w.replace(/^.*\/(node_modules|plugins|packages)\//, '$1/'));
        const name = [path.basename(exe), ...words].join(' ').slice(0, 100);
        return `${name} (${r.cpu.toFixed(0)}% CPU)`;
      });
  } catch {
    return [];
  }
}

/** Runs `yarn <script>`, echoing its output live; resolves with the output. */
function run(script, size) {
  return new Promise(resolve => {
    const child = spawn('yarn', [script], {
      cwd: root,
      env: { ...process.env, JUMPCLOUD_BENCH_SIZE: size },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const loads = [os.loadavg()[0]];
    const timer = setInterval(() => loads.push(os.loadavg()[0]), 10_000);
    const busy = new Map();
    const noteBusy = () => {
      for (const p of otherBusyProcesses()) {
        const name = p.replace(/ \(\d+% CPU\)$/, '');
        if (!busy.has(name)) busy.set(name, p);
      }
    };
    noteBusy();
    const busyTimer = setInterval(noteBusy, 60_000);
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', chunk => {
        output += chunk;
        process.stdout.write(chunk);
      });
    }
    child.on('close', status => {
      clearInterval(timer);
      clearInterval(busyTimer);
      const mean = loads.reduce((a, b) => a + b, 0) / loads.length;
      resolve({
        status,
        // eslint-disable-next-line no-control-regex
        output: output.replace(/\u001b\[[0-9;]*m/g, '').trim(),
        load: `1-min load average during the run: mean ${mean.toFixed(
          1,
        )}, max ${Math.max(...loads).toFixed(1)}`,
        busy: [...busy.values()].slice(0, 8),
      });
    });
  });
}

/** The RESULT lines of an output, parsed. */
function resultsOf(output) {
  const results = [];
  for (const line of output.split('\n')) {
    const m = line.match(/^\s*RESULT\s+(\{.*\})\s*$/);
    if (!m) continue;
    try {
      results.push(JSON.parse(m[1]));
    } catch {
      // not JSON: left out of the table, still in the verbatim output
    }
  }
  return results;
}

const begin = name => `<!-- bench:${name} -->`;
const end = name => `<!-- /bench:${name} -->`;
/**
 * Sections are kept per benchmark and size: the default size L under the
 * benchmark's name, others (S, M, XL) beside it, so an XL run adds to L's.
 */
const SIZES = ['L', 'S', 'M', 'XL'];
const keyOf = (name, sectionSize) =>
  sectionSize === 'L' ? name : `${name}@${sectionSize}`;
const allKeys = () =>
  BENCHES.flatMap(b => SIZES.map(sz => ({ bench: b, key: keyOf(b.name, sz) })));

/** Sections of an existing RESULTS.md by bench name (with their markers). */
function existingSections() {
  const sections = new Map();
  if (!fs.existsSync(resultsFile)) return sections;
  const text = fs.readFileSync(resultsFile, 'utf8');
  for (const { key } of allKeys()) {
    const a = text.indexOf(begin(key));
    const b = text.indexOf(end(key));
    if (a >= 0 && b > a) {
      sections.set(key, text.slice(a, b + end(key).length));
    }
  }
  return sections;
}

/** Results stored in a section (a JSON comment written with it). */
function storedResults(section) {
  const m = section.match(/<!-- results (\[.*?\]) -->/s);
  if (!m) return [];
  try {
    return JSON.parse(m[1]);
  } catch {
    return [];
  }
}
function storedStatus(section) {
  return section.match(/<!-- status (.*?) -->/)?.[1] ?? 'unknown';
}
function storedSize(section) {
  return section.match(/<!-- size (.*?) -->/)?.[1] ?? '?';
}

// Sections of this run; merged into the file as it is when written, so
// benchmarks run at the same time with disjoint --only lists keep each other's.
const sections = new Map();
let failures = 0;
for (const bench of BENCHES) {
  if (only && !only.includes(bench.name)) continue;
  const date = new Date().toISOString();
  const size = explicitSize ? defaultSize : bench.size ?? defaultSize;
  const key = keyOf(bench.name, size);
  const heading = `## ${bench.name}${size === 'L' ? '' : ` (size ${size})`}: ${
    bench.what
  }`;
  if (!scripts[bench.script]) {
    process.stdout.write(`\n[bench] ${bench.script}: no such script\n`);
    sections.set(
      key,
      `${begin(
        key,
      )}\n${heading}\n\n<!-- status not run -->\n<!-- size ${size} -->\n` +
        `${date}: no \`${
          bench.script
        }\` script in package.json, not run.\n${end(key)}`,
    );
    failures += 1;
    continue;
  }
  process.stdout.write(`\n[bench] ${bench.script} (size ${size})\n`);
  const started = Date.now();
  const res = await run(bench.script, size);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const status = res.status === 0 ? 'completed' : `FAILED (exit ${res.status})`;
  if (res.status !== 0) failures += 1;
  const results = resultsOf(res.output);
  const lines = res.output.split('\n');
  const kept =
    lines.length > KEPT_LINES
      ? [
          `… (${lines.length - KEPT_LINES} earlier lines left out)`,
          ...lines.slice(0, -KEPT_LINES).filter(l => /^\s*RESULT\s/.test(l)),
          ...lines.slice(-KEPT_LINES),
        ]
      : lines;
  sections.set(
    key,
    `${begin(key)}\n${heading}\n\n` +
      `<!-- status ${status} -->\n<!-- size ${size} -->\n` +
      `<!-- results ${JSON.stringify(results)} -->\n` +
      `\`yarn ${bench.script}\`, size ${size}, ${status} in ${seconds} s, started ${date}. ` +
      `${res.load}` +
      `${
        res.busy.length
          ? `; other processes busy meanwhile: ${res.busy.join('; ')}`
          : '; no other busy process seen'
      }.\n\n` +
      `\`\`\`\n${kept.join('\n')}\n\`\`\`\n${end(key)}`,
  );
}

for (const [name, section] of existingSections())
  if (!sections.has(name)) sections.set(name, section);

// Summary: one row per RESULT line of every section present.
const rows = [];
for (const { bench, key } of allKeys()) {
  const section = sections.get(key);
  if (!section) {
    // One row for a benchmark with no section at any size.
    const ranAtSomeSize = SIZES.some(sz => sections.has(keyOf(bench.name, sz)));
    if (key === bench.name && !ranAtSomeSize)
      rows.push(`| ${bench.name} | – | – | not run yet | – |`);
    continue;
  }
  const results = storedResults(section);
  const status = storedStatus(section);
  if (!results.length) {
    rows.push(
      `| ${bench.name} | ${storedSize(section)} | – | ${
        status === 'completed' ? 'no RESULT line; see its section' : status
      } | – |`,
    );
    continue;
  }
  for (const r of results) {
    const cell = v => String(v ?? '–').replace(/\|/g, '\\|');
    rows.push(
      `| ${cell(r.name ?? bench.name)} | ${cell(
        r.size ?? storedSize(section),
      )} | ${cell(r.target)} | ${cell(r.measured)}${
        status === 'completed' ? '' : ` (${status})`
      } | ${r.met ? 'met' : '**NOT met**'} |`,
    );
  }
}

const cpus = os.cpus();
const machine = [
  `- written: ${new Date().toISOString()} (\`yarn bench${
    only ? ` --only ${only.join(',')}` : ''
  }${explicitSize ? ` --size ${defaultSize}` : ''}\`)`,
  `- cpu: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length}`,
  `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
  `- node: ${process.version}, ${os.type()} ${os.release()}`,
  `- load average (1 / 5 / 15 min) when written: ${load()}`,
  `- the machine is shared: other work (tests, other benchmarks) may run at the same time; each section notes the load during its run and the other busy processes seen`,
].join('\n');

const doc =
  `# Benchmark results\n\n` +
  `Written by \`yarn bench\` (scripts/bench-all.mjs). \`yarn bench --only a,b\` replaces just those sections; ` +
  `each section is the benchmark's own output, with the date, size and load of its run.\n\n` +
  `## Summary\n\n| bench | size | target | measured | met |\n| --- | --- | --- | --- | --- |\n${rows.join(
    '\n',
  )}\n\n## Machine\n\n${machine}\n\n${allKeys()
    .map(({ key }) => sections.get(key))
    .filter(Boolean)
    .join('\n\n')}\n`;
fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
fs.writeFileSync(resultsFile, doc);
process.stdout.write(`\n[bench] wrote bench/RESULTS.md (${failures} failed)\n`);
process.exit(failures === 0 ? 0 : 1);
