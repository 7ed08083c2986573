#!/usr/bin/env node
// Runs every benchmark of the repository one after the other and writes
// bench/RESULTS.md: the machine they ran on and each benchmark's printed
// figures (targets and ratios included), verbatim.
//
// Usage: yarn bench [--size L|XL] [--only client,sync]

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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
    name: 'catalog',
    script: 'bench:catalog',
    what: 'catalog ingestion vs a static location',
  },
  {
    name: 'checks',
    script: 'bench:checks',
    what: 'check evaluation and findings API',
  },
];

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const size = arg('size') ?? process.env.JUMPCLOUD_BENCH_SIZE ?? 'L';
const only = arg('only')?.split(',');
const scripts = JSON.parse(
  fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
).scripts;

const machine = [
  `- date: ${new Date().toISOString()}`,
  `- cpu: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
  `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
  `- node: ${process.version}, ${os.type()} ${os.release()}`,
  `- size: ${size}`,
].join('\n');

const sections = [];
let failures = 0;
for (const bench of BENCHES) {
  if (only && !only.includes(bench.name)) continue;
  if (!scripts[bench.script]) {
    sections.push(
      `## ${bench.name}\n\nNo \`${bench.script}\` script in package.json.\n`,
    );
    failures += 1;
    continue;
  }
  process.stdout.write(`\n[bench] ${bench.script} (size ${size})\n`);
  const started = Date.now();
  const res = spawnSync('yarn', [bench.script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, JUMPCLOUD_BENCH_SIZE: size },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim();
  process.stdout.write(`${output}\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const status = res.status === 0 ? 'completed' : `FAILED (exit ${res.status})`;
  if (res.status !== 0) failures += 1;
  sections.push(
    `## ${bench.name}: ${bench.what}\n\n\`yarn ${bench.script}\`, ${status} in ${seconds} s.\n\n` +
      `\`\`\`\n${output.split('\n').slice(-80).join('\n')}\n\`\`\`\n`,
  );
}

const doc = `# Benchmark results\n\nWritten by \`yarn bench\` (scripts/bench-all.mjs); each section is the benchmark's own output.\n\n## Machine\n\n${machine}\n\n${sections.join(
  '\n',
)}`;
fs.mkdirSync(path.join(root, 'bench'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'RESULTS.md'), doc);
process.stdout.write(`\n[bench] wrote bench/RESULTS.md (${failures} failed)\n`);
process.exit(failures === 0 ? 0 : 1);
