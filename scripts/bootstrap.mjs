#!/usr/bin/env node
// Bootstraps the pinned toolchain (Node 22, Yarn 4) into .tools/ and installs
// the workspace. Runs on any Node >= 18 with npm, no yarn required, so that
// `npm start` and `npm test` work on a machine with only Node 20 and npm.
//
// Usage: node scripts/bootstrap.mjs [-- command args...]
//   With a command, runs it with .tools/bin first on PATH once everything is in place.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = path.join(root, '.tools');
const binDir = path.join(toolsDir, 'bin');
const pins = JSON.parse(
  fs.readFileSync(path.join(root, 'scripts', 'toolchain.json'), 'utf8'),
);

const log = msg => process.stderr.write(`[bootstrap] ${msg}\n`);

function fail(msg) {
  log(`error: ${msg}`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (res.error) fail(`${cmd} could not start: ${res.error.message}`);
  return res.status ?? 1;
}

function capture(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, {
    encoding: 'utf8',
    timeout: 60_000,
    ...opts,
  });
  return res.status === 0 ? res.stdout.trim() : undefined;
}

function majorOf(version) {
  return Number(String(version).replace(/^v/, '').split('.')[0]);
}

/** Fetches a pinned registry package with `npm pack` and checks its sha512. */
function fetchPinned({ package: name, version, integrity }, dest) {
  const stamp = path.join(dest, '.pinned');
  const want = `${name}@${version} ${integrity}`;
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want) {
    return;
  }
  log(`fetching ${name}@${version} from the npm registry`);
  const cache = path.join(toolsDir, 'cache');
  fs.mkdirSync(cache, { recursive: true });
  // `npm pack` from inside the folder keeps the machine's npm CA settings
  // (`--prefix` loses them on some machines).
  const out = capture(
    'npm',
    ['pack', `${name}@${version}`, '--json', '--silent'],
    { cwd: cache, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (!out) fail(`npm pack ${name}@${version} failed`);
  const file = path.join(cache, JSON.parse(out)[0].filename);
  const [algo, expected] = integrity.split(/-(.*)/s);
  const actual = createHash(algo)
    .update(fs.readFileSync(file))
    .digest('base64');
  if (actual !== expected) {
    fs.rmSync(file, { force: true });
    fail(`${name}@${version}: integrity mismatch (got ${algo}-${actual})`);
  }
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  if (run('tar', ['-xzf', file, '-C', dest, '--strip-components=1']) !== 0) {
    fail(`could not unpack ${file}`);
  }
  fs.rmSync(file, { force: true });
  fs.writeFileSync(stamp, want);
}

function writeShim(name, target, runner) {
  const shim = path.join(binDir, name);
  const body = runner
    ? `#!/bin/sh\nexec "${runner}" "${target}" "$@"\n`
    : `#!/bin/sh\nexec "${target}" "$@"\n`;
  if (!fs.existsSync(shim) || fs.readFileSync(shim, 'utf8') !== body) {
    fs.writeFileSync(shim, body, { mode: 0o755 });
  }
}

function ensureToolchain(env) {
  fs.mkdirSync(binDir, { recursive: true });
  const systemNode = capture('node', ['--version'], { env });
  const wantNode = majorOf(pins.node.version);
  let nodeBin;
  let nodeDir;
  if (systemNode && [22, 24].includes(majorOf(systemNode))) {
    nodeBin = capture('sh', ['-c', 'command -v node'], { env });
    nodeDir = path.resolve(path.dirname(nodeBin), '..');
  } else {
    nodeDir = path.join(toolsDir, `node-${wantNode}`);
    fetchPinned(pins.node, nodeDir);
    nodeBin = path.join(nodeDir, 'bin', 'node');
    writeShim('node', nodeBin);
  }
  const systemYarn = capture('yarn', ['--version'], { env, cwd: toolsDir });
  if (!systemYarn || majorOf(systemYarn) !== 4) {
    const yarnDir = path.join(toolsDir, 'yarn');
    fetchPinned(pins.yarn, yarnDir);
    writeShim('yarn', path.join(yarnDir, 'bin', 'yarn.js'), nodeBin);
  }
  // node-gyp must build native modules (better-sqlite3) against the headers
  // of the Node that runs them, and cannot download headers here.
  if (fs.existsSync(path.join(nodeDir, 'include', 'node', 'node.h'))) {
    env.npm_config_nodedir = nodeDir;
  }
  return env;
}

/** A fingerprint of everything that decides what `yarn install` produces. */
function installFingerprint() {
  const hash = createHash('sha256');
  const files = ['yarn.lock', 'package.json', '.yarnrc.yml'];
  for (const parent of ['packages', 'plugins']) {
    const dir = path.join(root, parent);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      files.push(path.join(parent, name, 'package.json'));
    }
  }
  for (const file of files) {
    const full = path.join(root, file);
    hash.update(file);
    if (fs.existsSync(full)) hash.update(fs.readFileSync(full));
  }
  hash.update(capture('node', ['--version'], { env: process.env }) ?? '');
  return hash.digest('hex');
}

function ensureInstall(env) {
  const stamp = path.join(root, 'node_modules', '.bootstrap-install');
  const nodeVersion = capture('node', ['--version'], { env }) ?? '';
  const fingerprint = `${installFingerprint()} ${nodeVersion}`;
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === fingerprint) {
    return;
  }
  log('installing dependencies (yarn install --immutable)');
  const args = ['install'];
  if (process.env.BOOTSTRAP_MUTABLE !== '1') args.push('--immutable');
  if (run('yarn', args, { cwd: root, env }) !== 0) fail('yarn install failed');
  fs.writeFileSync(stamp, fingerprint);
}

function main() {
  const sep = process.argv.indexOf('--');
  const command = sep >= 0 ? process.argv.slice(sep + 1) : [];
  const env = { ...process.env };
  env.PATH = `${binDir}${path.delimiter}${env.PATH}`;
  env.NODE_EXTRA_CA_CERTS ??= fs.existsSync(
    '/etc/ssl/certs/ca-certificates.crt',
  )
    ? '/etc/ssl/certs/ca-certificates.crt'
    : undefined;
  if (!env.NODE_EXTRA_CA_CERTS) delete env.NODE_EXTRA_CA_CERTS;
  env.YARN_ENABLE_TELEMETRY = '0';
  ensureToolchain(env);
  if (!process.argv.includes('--toolchain-only')) ensureInstall(env);
  if (command.length > 0) {
    process.exit(run(command[0], command.slice(1), { cwd: root, env }));
  }
}

main();
