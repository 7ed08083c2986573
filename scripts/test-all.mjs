#!/usr/bin/env node
// Every check and test of the repository, in order: type-check, lint, prettier,
// API reports, knip (unused exports and files), changesets,
// unit and integration tests (SQLite always, PostgreSQL when reachable) and the
// Playwright suite in Debian's Chromium. Run through `npm test`, which
// bootstraps the toolchain and installs first.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';
const POSTGRES_URL =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';

const results = [];

function log(msg) {
  process.stdout.write(`\n[test] ${msg}\n`);
}

function step(name, cmd, args, env = {}) {
  log(`${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = res.status === 0;
  results.push({ name, ok, seconds });
  log(`${name}: ${ok ? 'passed' : 'FAILED'} in ${seconds} s`);
  return ok;
}

function reachable(host, port) {
  return new Promise(resolve => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return true;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (isRoot && hasApt) {
    log("Chromium missing: installing Debian's chromium with apt-get");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync(
      'apt-get',
      ['install', '-y', '-qq', '--no-install-recommends', 'chromium'],
      { stdio: 'inherit', env },
    );
    if (fs.existsSync(CHROMIUM)) return true;
  }
  log(
    `Chromium not found at ${CHROMIUM}. Install it (Debian/Ubuntu: ` +
      '`sudo apt-get install chromium`) or set PLAYWRIGHT_CHROMIUM_PATH, then run `npm test` again.',
  );
  return false;
}

async function main() {
  const only = process.env.TEST_ONLY?.split(',');
  const wants = name => !only || only.includes(name);

  if (wants('tsc')) step('type-check', 'yarn', ['tsc']);
  if (wants('lint')) step('lint', 'yarn', ['backstage-cli', 'repo', 'lint']);
  if (wants('prettier')) {
    step('prettier', 'yarn', ['prettier', '--check', '.']);
  }

  // Packaging hygiene: a public API change shows up as a diff of a checked-in
  // report.api.md (reads the dist-types `yarn tsc` just emitted; refresh with
  // `yarn api-reports`), no unused exports or files, and every changeset
  // names a published package with a valid bump. The API report check omits
  // ae-wrong-input-file-type (workspace packages resolve to each other's
  // src/*.ts, not a mistake here) and ae-undocumented (members without TSDoc).
  if (wants('api-reports')) {
    step('API reports', 'yarn', ['api-reports:check']);
  }
  if (wants('package-metadata')) {
    // pluginId, pluginPackages, entry points and publishConfig as Backstage
    // expects them of published packages.
    step('package metadata', 'yarn', [
      'backstage-cli',
      'repo',
      'fix',
      '--publish',
      '--check',
    ]);
  }
  if (wants('knip')) step('unused exports and files (knip)', 'yarn', ['knip']);
  if (wants('changesets')) {
    step('changesets', 'node', ['scripts/check-changesets.mjs']);
  }

  if (wants('unit')) {
    const dbEnv = { BACKSTAGE_TEST_DISABLE_DOCKER: '1', CI: 'true' };
    if (await reachable('127.0.0.1', 5432)) {
      dbEnv.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING = POSTGRES_URL;
      log(
        'PostgreSQL reachable on 127.0.0.1:5432: store tests run on SQLite and PostgreSQL 15',
      );
    } else {
      log(
        'PostgreSQL NOT reachable on 127.0.0.1:5432: store tests run on SQLite only ' +
          '(start PostgreSQL 15 with trust auth, or set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, to include it)',
      );
    }
    step(
      'unit and integration tests',
      'yarn',
      ['backstage-cli', 'repo', 'test', '--maxWorkers=2'],
      dbEnv,
    );
  }

  if (wants('e2e')) {
    if (ensureChromium()) {
      step(
        'browser tests (Playwright, Chromium)',
        'yarn',
        ['playwright', 'test', '-c', 'packages/app/playwright.config.ts'],
        {
          PLAYWRIGHT_CHROMIUM_PATH: CHROMIUM,
          CI: 'true',
        },
      );
    } else {
      results.push({
        name: 'browser tests (Playwright, Chromium)',
        ok: false,
        seconds: '0',
      });
    }
  }

  if (wants('adopter')) {
    // After tsc (its dist-types are reused): a fresh create-app app installs
    // the packed tarballs by the READMEs' steps and reads the simulator's org.
    step(
      'adopter path (create-app + packed tarballs)',
      'node',
      ['scripts/test-adopter.mjs'],
      {
        ADOPTER_SKIP_TSC: '1',
      },
    );
  }

  log('summary');
  for (const r of results) {
    process.stdout.write(
      `  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.seconds} s)\n`,
    );
  }
  const failed = results.filter(r => !r.ok).length;
  process.stdout.write(
    `\nsteps: ${results.length - failed} passed, ${failed} failed\n`,
  );
  process.exit(failed === 0 ? 0 : 1);
}

main();
