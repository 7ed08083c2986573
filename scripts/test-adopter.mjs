#!/usr/bin/env node
// The adopter's path, tested: a fresh Backstage app from @backstage/create-app,
// this repository's packed tarballs installed into it by following each
// package's README install steps, type-checked, started against the JumpCloud
// simulator and read through its REST API. Run with `yarn test:adopter`; the
// last step of `npm test`.
//
// What the script takes from the READMEs (the packed ones, as an adopter reads
// them on npm): every fenced block of a README's `## Install` section is a
// step, unless the line before it is `<!-- adopter-test: example -->`
// (alternatives and examples, e.g. the legacy frontend system):
//   - `sh`: `yarn --cwd <dir> add <package>...` lines, run as written (the adds
//     of one folder are batched into one `yarn add`);
//   - `ts`/`tsx` starting with `// packages/backend/src/index.ts`: its
//     `backend.add(...)` statements, added before `backend.start()`;
//   - `ts`/`tsx` starting with `// <another path>` that does not exist yet:
//     the file, created as shown;
//   - `yaml` starting with `# app-config.yaml`: merged into app-config.yaml
//     (lists are appended to).
// A block it cannot apply fails the test: a README step is either applied or
// explicitly marked as not one.
//
// What the script adds that no README says, standing in for the npm registry
// and for an adopter's own JumpCloud organisation:
//   - `resolutions` mapping our package names to the local tarballs, and
//     `name@^<version>` for our names in `yarn add` (what the registry answers);
//   - app-config.adopter-test.yaml: ports 7107 (backend) and 7111 (simulator),
//     SQLite in memory, and one connection to the simulator (its apiUrl in
//     `jumpcloud.allowedHosts`), as an adopter would configure their own org;
//   - on this project's machines only (the npm registry mirror lacks some
//     platform builds), the mirror `resolutions` of the repository's root
//     package.json (see ENVIRONMENT_RESOLUTIONS below).
//
// Caches (survive between runs, outside the temp app): the yarn cache
// (~/.cache/jumpcloud-adopter/yarn-cache), the create-app output per template
// version, and the built tarballs per source hash. JUMPCLOUD_ADOPTER_CACHE
// moves them; ADOPTER_KEEP=1 keeps the unpacked tarballs and logs.

import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CREATE_APP_VERSION = '0.9.2'; // Backstage 1.55, as backstage.json
const BACKEND_PORT = Number(process.env.ADOPTER_BACKEND_PORT ?? 7107);
const SIM_PORT = Number(process.env.ADOPTER_SIMULATOR_PORT ?? 7111);
const SIM_KEY = 'jcsim_readonly_demo_key_0001';
const cacheDir =
  process.env.JUMPCLOUD_ADOPTER_CACHE ??
  path.join(os.homedir(), '.cache', 'jumpcloud-adopter');
const yarnCache = path.join(cacheDir, 'yarn-cache');
const keep = process.env.ADOPTER_KEEP === '1';
const SKIP_MARKER = '<!-- adopter-test: example -->';

// The registry mirror of this project's machines lacks some platform builds
// and publishes a broken @yarnpkg/core (../shared toolchain facts; README
// "Troubleshooting" of the backend plugin). A fresh app resolves its whole
// tree, so it needs the same pins as this repository's root package.json.
const ENVIRONMENT_RESOLUTIONS = [
  '@yarnpkg/core',
  '@swc/core',
  'unrs-resolver',
  'rollup',
];
// The create-app 0.9.2 template asks for `@backstage/plugin-signals-backend`
// ^0.3.19, which today resolves to a later release (0.3.21) that needs
// `httpRouter.addWebSocketHandler` from a newer `@backstage/backend-defaults`
// than the template's ^0.18.0: a fresh app's backend then fails at start-up
// ("Plugin 'signals' startup failed") with or without our packages.
// create-app's yarn.lock seed (from GitHub, unreachable here) would pin the
// release's versions; these pins stand in for it (the Backstage 1.55 release).
const RELEASE_PINS = {
  '@backstage/plugin-signals-backend': '0.3.19',
};

const timings = [];
const failures = [];
const children = [];

function log(msg) {
  process.stdout.write(`[adopter] ${msg}\n`);
}

function fail(msg) {
  failures.push(msg);
  process.stdout.write(`[adopter] FAIL: ${msg}\n`);
}

async function phase(name, fn) {
  log(`── ${name}`);
  const started = Date.now();
  try {
    return await fn();
  } finally {
    const seconds = (Date.now() - started) / 1000;
    timings.push({ name, seconds });
    log(`── ${name}: ${seconds.toFixed(1)} s`);
  }
}

/** Environment for yarn in the generated app: its own project, our caches. */
function appEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(npm_|YARN_|BERRY_)/i.test(key)) delete env[key];
  }
  delete env.PROJECT_CWD;
  delete env.INIT_CWD;
  const nodeDir = path.dirname(path.dirname(process.execPath));
  if (fs.existsSync(path.join(nodeDir, 'include', 'node'))) {
    env.npm_config_nodedir = nodeDir; // node-gyp: headers without nodejs.org
  }
  return {
    ...env,
    YARN_CACHE_FOLDER: yarnCache,
    YARN_ENABLE_GLOBAL_CACHE: 'false',
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false', // CI=true would make it immutable
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_PROGRESS_BARS: 'false',
    NODE_EXTRA_CA_CERTS:
      env.NODE_EXTRA_CA_CERTS ?? '/etc/ssl/certs/ca-certificates.crt',
  };
}

function run(cmd, args, { cwd, env, quiet } = {}) {
  log(`$ ${cmd} ${args.join(' ')}${cwd ? `   (in ${cwd})` : ''}`);
  const res = spawnSync(cmd, args, {
    cwd,
    env: env ?? process.env,
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return res;
}

function mustRun(cmd, args, opts) {
  const res = run(cmd, args, opts);
  if (res.status !== 0) {
    if (opts?.quiet) process.stdout.write(`${res.stdout}\n${res.stderr}\n`);
    throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status}`);
  }
  return res;
}

// ─── packs ──────────────────────────────────────────────────────────────────

function publishablePackages() {
  return fs
    .readdirSync(path.join(root, 'plugins'))
    .map(dir => path.join(root, 'plugins', dir))
    .filter(dir => fs.existsSync(path.join(dir, 'package.json')))
    .map(dir => ({
      dir,
      pkg: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')),
    }))
    .filter(({ pkg }) => !pkg.private);
}

function hashTree(hash, dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort()) {
    if (
      ['node_modules', 'dist', 'dist-types', 'coverage'].includes(entry.name)
    ) {
      continue;
    }
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, full);
    else if (entry.isFile()) {
      hash.update(path.relative(root, full));
      hash.update(fs.readFileSync(full));
    }
  }
}

async function packAll(packages) {
  const hash = crypto.createHash('sha256');
  hash.update(fs.readFileSync(path.join(root, 'yarn.lock')));
  for (const { dir } of packages) hashTree(hash, dir);
  const key = hash.digest('hex').slice(0, 16);
  const packsDir = path.join(cacheDir, 'packs', key);
  const tarball = p =>
    path.join(packsDir, `${p.pkg.name.replace(/^@[^/]+\//, '')}.tgz`);
  if (process.env.ADOPTER_REUSE_PACKS === '1') {
    // While iterating on READMEs: the newest tarballs, whatever their sources.
    const dirs = fs
      .readdirSync(path.join(cacheDir, 'packs'))
      .map(d => path.join(cacheDir, 'packs', d))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
    if (dirs.length) {
      log(`ADOPTER_REUSE_PACKS=1: reusing ${dirs[0]}`);
      return packages.map(p => ({
        ...p,
        tarball: path.join(dirs[0], path.basename(tarball(p))),
      }));
    }
  }
  if (packages.every(p => fs.existsSync(tarball(p)))) {
    log(`tarballs of these sources already built: ${packsDir}`);
    return packages.map(p => ({ ...p, tarball: tarball(p) }));
  }
  // `yarn build:packs` (scripts/check-packs.mjs) builds and packs every
  // publishable package and checks each tarball; npm test has just run
  // `yarn tsc`, so it may reuse dist-types (ADOPTER_SKIP_TSC=1).
  const res = run(
    'node',
    [
      'scripts/check-packs.mjs',
      ...(process.env.ADOPTER_SKIP_TSC === '1' ? ['--skip-tsc'] : []),
    ],
    { cwd: root },
  );
  if (res.status !== 0) fail('yarn build:packs reports problems (above)');
  const built = JSON.parse(
    fs.readFileSync(
      path.join(root, 'node_modules/.cache/jumpcloud-packs/packs.json'),
      'utf8',
    ),
  );
  fs.rmSync(packsDir, { recursive: true, force: true });
  fs.mkdirSync(packsDir, { recursive: true });
  for (const p of packages) {
    if (!built[p.pkg.name]) throw new Error(`${p.pkg.name} was not packed`);
    fs.copyFileSync(built[p.pkg.name], tarball(p));
  }
  return packages.map(p => ({ ...p, tarball: tarball(p) }));
}

// ─── tarball checks ─────────────────────────────────────────────────────────

function extract(pack, into) {
  const dir = path.join(into, pack.pkg.name.replace('/', '+'));
  fs.mkdirSync(dir, { recursive: true });
  mustRun('tar', ['xzf', pack.tarball, '-C', dir], { quiet: true });
  return path.join(dir, 'package');
}

function entryPoints(manifest) {
  const out = [];
  for (const field of ['main', 'module', 'types', 'typings', 'browser']) {
    if (typeof manifest[field] === 'string') {
      out.push([field, manifest[field]]);
    }
  }
  const walk = (value, where) => {
    // Condition values such as "backstage": "@backstage/FrontendPlugin" are
    // not paths.
    if (typeof value === 'string') {
      if (value.startsWith('.')) out.push([where, value]);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`);
    }
  };
  walk(manifest.exports, 'exports');
  if (manifest.typesVersions) walk(manifest.typesVersions, 'typesVersions');
  return out.filter(([, target]) => !target.includes('*'));
}

function checkTarball(pack, pkgDir) {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'),
  );
  const name = manifest.name;
  for (const [field, target] of entryPoints(manifest)) {
    if (!fs.existsSync(path.join(pkgDir, target))) {
      fail(`${name}: ${field} names ${target}, which is not in the tarball`);
    }
  }
  for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
    if (/^(workspace|link|file|portal):/.test(range)) {
      fail(`${name}: dependency ${dep} is ${range} in the tarball`);
    }
  }
  const readmePath = path.join(pkgDir, 'README.md');
  if (!fs.existsSync(readmePath)) {
    fail(`${name}: no README.md in the tarball`);
    return manifest;
  }
  const readme = fs.readFileSync(readmePath, 'utf8');
  const withoutCode = readme.replace(/^```[\s\S]*?^```/gm, '');
  const links = [
    ...withoutCode.matchAll(
      /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g,
    ),
    ...withoutCode.matchAll(/^\[[^\]]+\]:\s*(\S+)/gm),
    ...withoutCode.matchAll(/(?:src|href)="([^"]+)"/g),
  ].map(m => m[1]);
  for (const link of links) {
    if (/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(link)) continue;
    const target = decodeURIComponent(link.split('#')[0].split('?')[0]);
    const resolved = path.resolve(pkgDir, target);
    if (!resolved.startsWith(pkgDir + path.sep) || !fs.existsSync(resolved)) {
      fail(`${name}: README links ${link}, which is not in the tarball`);
    }
  }
  return manifest;
}

// ─── README install steps ───────────────────────────────────────────────────

function installSteps(name, readme) {
  const lines = readme.split('\n');
  const start = lines.findIndex(l => /^##\s+Install/.test(l));
  if (start < 0) return [];
  const steps = [];
  let previous = '';
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (/^##\s/.test(line)) break;
    const fence = line.match(/^(`{3,})\s*([\w-]*)/);
    if (!fence) {
      if (line.trim()) previous = line.trim();
      continue;
    }
    const body = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j].startsWith(fence[1]); j++) {
      body.push(lines[j]);
    }
    const skip = previous === SKIP_MARKER;
    if (!skip) steps.push({ lang: fence[2], body, line: i + 1, name });
    i = j;
    previous = '';
  }
  return steps;
}

/** `backend.add(...)` statements of a snippet, whitespace-normalised. */
function statements(body) {
  const code = body.join('\n').replace(/\/\/[^\n]*/g, '');
  const out = [];
  let i = 0;
  while ((i = code.indexOf('backend.add(', i)) >= 0) {
    let depth = 0;
    let j = i + 'backend.add'.length;
    for (; j < code.length; j++) {
      if (code[j] === '(') depth++;
      else if (code[j] === ')' && --depth === 0) break;
    }
    out.push(`${code.slice(i, j + 1).replace(/\s+/g, '')};`);
    i = j;
  }
  return out;
}

function classifySteps(steps, manifestsByName) {
  const adds = new Map(); // dir -> [spec]
  const backendLines = [];
  const files = [];
  const yamls = [];
  for (const step of steps) {
    const where = `${step.name} README line ${step.line}`;
    const first = step.body[0]?.trim() ?? '';
    if (['sh', 'bash', 'shell', 'console'].includes(step.lang)) {
      for (const raw of step.body) {
        const line = raw.replace(/#.*$/, '').trim();
        if (!line) continue;
        const m = line.match(/^yarn\s+--cwd\s+(\S+)\s+add\s+(.+)$/);
        if (!m) {
          fail(`${where}: a shell step the test cannot apply: ${line}`);
          continue;
        }
        const specs = m[2].split(/\s+/).map(spec => {
          const manifest = manifestsByName.get(spec);
          return manifest ? `${spec}@^${manifest.version}` : spec;
        });
        adds.set(m[1], [...(adds.get(m[1]) ?? []), ...specs]);
      }
    } else if (['ts', 'tsx', 'typescript'].includes(step.lang)) {
      const target = first.match(/^\/\/\s*(\S+\.tsx?)\s*$/)?.[1];
      if (target === 'packages/backend/src/index.ts') {
        const found = statements(step.body);
        if (!found.length) fail(`${where}: no backend.add(...) in the snippet`);
        backendLines.push(...found.map(s => ({ s, where })));
      } else if (target) {
        files.push({ target, body: step.body.slice(1).join('\n'), where });
      } else {
        fail(
          `${where}: a ${step.lang} block without a "// <file>" first line ` +
            `(mark examples with ${SKIP_MARKER})`,
        );
      }
    } else if (['yaml', 'yml'].includes(step.lang)) {
      if (/^#\s*app-config\.yaml\b/.test(first)) {
        yamls.push({ text: step.body.join('\n'), where });
      } else {
        fail(
          `${where}: a yaml block without "# app-config.yaml" first line ` +
            `(mark examples with ${SKIP_MARKER})`,
        );
      }
    } else {
      fail(
        `${where}: a \`${step.lang || 'plain'}\` block the test cannot apply`,
      );
    }
  }
  return { adds, backendLines, files, yamls };
}

function mergeYaml(target, source) {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (Array.isArray(existing) && Array.isArray(value)) {
      existing.push(...value);
    } else if (
      existing &&
      value &&
      typeof existing === 'object' &&
      typeof value === 'object' &&
      !Array.isArray(existing)
    ) {
      mergeYaml(existing, value);
    } else {
      target[key] = value;
    }
  }
}

// ─── the app ────────────────────────────────────────────────────────────────

function createAppTemplate() {
  const dir = path.join(cacheDir, `create-app-${CREATE_APP_VERSION}`);
  const template = path.join(dir, 'app');
  if (fs.existsSync(path.join(template, 'package.json'))) {
    log(`create-app ${CREATE_APP_VERSION} output cached: ${template}`);
    return template;
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const res = run(
    'npx',
    [
      '--yes',
      `@backstage/create-app@${CREATE_APP_VERSION}`,
      '--path',
      template,
      '--skip-install',
    ],
    {
      cwd: dir,
      env: { ...appEnv(), BACKSTAGE_APP_NAME: 'adopter' },
    },
  );
  if (res.status !== 0 || !fs.existsSync(path.join(template, 'package.json'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error('@backstage/create-app failed');
  }
  return template;
}

function startProcess(name, cmd, args, opts) {
  const logFile = path.join(opts.logDir, `${name}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  children.push({ name, child, logFile });
  child.on('exit', code => {
    if (!child.stopping) log(`${name} exited (${code}); its log: ${logFile}`);
  });
  return child;
}

function stopAll(signal = 'SIGTERM') {
  for (const { child } of children) {
    child.stopping = true;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // gone
    }
  }
}

/** Stops the simulator and the backend, and waits until their ports are free. */
async function stopAndWait() {
  stopAll();
  for (let i = 0; i < 20; i++) {
    if (!(await portInUse(BACKEND_PORT)) && !(await portInUse(SIM_PORT))) {
      return;
    }
    await sleep(500);
  }
  stopAll('SIGKILL');
}

function portInUse(port) {
  return new Promise(resolve => {
    const socket = net.connect({ host: '127.0.0.1', port, timeout: 1000 });
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

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function waitFor(what, timeoutMs, fn) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      if (e.fatal) throw e;
      last = e;
    }
    for (const { name, child, logFile } of children) {
      if (child.exitCode !== null && !child.stopping) {
        throw new Error(
          `${name} stopped while waiting for ${what}:\n` +
            fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n'),
        );
      }
    }
    await sleep(1000);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
}

/**
 * Removes everything of the previous run's app but its installed
 * dependencies (node_modules folders, yarn's install state), its lockfile
 * (kept aside as yarn.lock.previous) and the type-checker's incremental state.
 */
function resetApp(dir) {
  if (!fs.existsSync(dir)) return;
  if (fs.existsSync(path.join(dir, 'yarn.lock'))) {
    fs.renameSync(
      path.join(dir, 'yarn.lock'),
      path.join(dir, 'yarn.lock.previous'),
    );
  }
  const keepers = new Set([
    path.join(dir, 'yarn.lock.previous'),
    path.join(dir, '.yarn', 'install-state.gz'),
    path.join(dir, 'dist-types'),
  ]);
  const walk = current => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.name === 'node_modules' || keepers.has(full)) continue;
      if (entry.isDirectory()) {
        walk(full);
        if (!fs.readdirSync(full).length) fs.rmdirSync(full);
      } else fs.rmSync(full, { force: true });
    }
  };
  walk(dir);
}

// ─── REST shapes the backend README documents ───────────────────────────────

/**
 * The routes the backend README's "REST API" section says return an array,
 * and the ones it says return a page ({ items, totalCount, limit, offset }).
 */
function documentedShapes(backendReadme) {
  const section =
    backendReadme.split(/^## REST API\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  const arrays = [];
  const pages = [];
  const sentence = (re, into) => {
    const m = section.match(re);
    if (m) for (const r of m[1].matchAll(/`GET (\/[^`?]*)/g)) into.push(r[1]);
  };
  sentence(/Arrays:([\s\S]*?)\./, arrays);
  sentence(/Pages:([\s\S]*?)\./, pages);
  return { arrays, pages };
}

// ─── main ───────────────────────────────────────────────────────────────────

async function main() {
  const started = Date.now();
  fs.mkdirSync(yarnCache, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jumpcloud-adopter-'));
  // The app's files are the create-app output, fresh every run; its
  // node_modules (and yarn.lock) from the previous run are kept as an install
  // cache: yarn makes node_modules match the new lockfile exactly (packages
  // no longer depended on are removed), and unchanged native modules are not
  // compiled again. ADOPTER_FRESH=1 starts from an empty folder.
  const appDir = path.join(cacheDir, `app-${CREATE_APP_VERSION}`);
  const unpacked = path.join(work, 'unpacked');
  log(`app in ${appDir}; caches in ${cacheDir}`);

  const packages = publishablePackages();
  const packs = await phase('build and pack', () => packAll(packages));

  const manifests = new Map();
  const readmes = new Map();
  await phase('check tarballs', async () => {
    for (const pack of packs) {
      const pkgDir = extract(pack, unpacked);
      const manifest = checkTarball(pack, pkgDir);
      manifests.set(manifest.name, manifest);
      const readme = path.join(pkgDir, 'README.md');
      if (fs.existsSync(readme)) {
        readmes.set(manifest.name, fs.readFileSync(readme, 'utf8'));
      }
    }
  });

  await phase('create app', async () => {
    const template = createAppTemplate();
    if (process.env.ADOPTER_FRESH === '1') {
      fs.rmSync(appDir, { recursive: true, force: true });
    }
    resetApp(appDir);
    fs.cpSync(template, appDir, {
      recursive: true,
      filter: src =>
        !src.startsWith(path.join(template, '.git')) ||
        src.startsWith(path.join(template, '.gitignore')),
    });
    if (fs.existsSync(path.join(appDir, 'yarn.lock.previous'))) {
      fs.renameSync(
        path.join(appDir, 'yarn.lock.previous'),
        path.join(appDir, 'yarn.lock'),
      );
    }
  });

  const rootManifestPath = path.join(appDir, 'package.json');
  const rootManifest = JSON.parse(fs.readFileSync(rootManifestPath, 'utf8'));
  const ours = JSON.parse(
    fs.readFileSync(path.join(root, 'package.json'), 'utf8'),
  );
  rootManifest.resolutions = { ...rootManifest.resolutions };
  for (const name of ENVIRONMENT_RESOLUTIONS) {
    if (ours.resolutions?.[name]) {
      rootManifest.resolutions[name] = ours.resolutions[name];
    }
  }
  Object.assign(rootManifest.resolutions, RELEASE_PINS);
  for (const pack of packs) {
    rootManifest.resolutions[pack.pkg.name] = `file:${pack.tarball}`;
  }
  fs.writeFileSync(
    rootManifestPath,
    `${JSON.stringify(rootManifest, null, 2)}\n`,
  );
  log(
    `resolutions (the registry's stand-in and the mirror's pins): ${JSON.stringify(
      rootManifest.resolutions,
      null,
      1,
    )}`,
  );

  // Packages that depend on others come later, as an adopter reads them:
  // libraries, then the backend plugin, then its modules, then the frontend.
  const order = [
    'common-library',
    'node-library',
    'backend-plugin',
    'backend-plugin-module',
    'frontend-plugin',
  ];
  const sorted = [...manifests.values()].sort(
    (a, b) =>
      order.indexOf(a.backstage?.role) - order.indexOf(b.backstage?.role),
  );
  const steps = sorted.flatMap(m => {
    const found = installSteps(m.name, readmes.get(m.name) ?? '');
    if (!found.length) {
      log(`${m.name}: its README has no "## Install" steps; not installed`);
    }
    return found;
  });
  const plan = classifySteps(steps, manifests);

  await phase('README steps: yarn add', async () => {
    // Each folder's adds at once; every add but the last only updates the
    // lockfile, so the app is linked (and native modules built) once.
    const entries = [...plan.adds];
    entries.forEach(([dir, specs], i) => {
      mustRun(
        'yarn',
        [
          'add',
          ...(i < entries.length - 1 ? ['--mode=update-lockfile'] : []),
          ...new Set(specs),
        ],
        { cwd: path.join(appDir, dir), env: appEnv() },
      );
    });
  });

  await phase('README steps: code and config', async () => {
    const indexPath = path.join(appDir, 'packages/backend/src/index.ts');
    let index = fs.readFileSync(indexPath, 'utf8');
    const added = plan.backendLines.map(l => l.s.replace(/;$/, ''));
    index = index.replace(
      /^backend\.start\(\);/m,
      `// Added from the JumpCloud packages' READMEs\n${added
        .map(s => `${s};`)
        .join('\n')}\n\nbackend.start();`,
    );
    fs.writeFileSync(indexPath, index);
    const all = statements(index.split('\n'));
    const seen = new Map();
    for (const s of all) seen.set(s, (seen.get(s) ?? 0) + 1);
    for (const [s, count] of seen) {
      if (count > 1) {
        const from = plan.backendLines
          .filter(l => l.s === s)
          .map(l => l.where)
          .join(', ');
        fail(
          `packages/backend/src/index.ts registers ${s} ${count} times (from ${
            from || 'the template'
          })`,
        );
      }
    }
    for (const file of plan.files) {
      const target = path.join(appDir, file.target);
      if (fs.existsSync(target)) {
        fail(`${file.where}: ${file.target} already exists in a new app`);
        continue;
      }
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, `${file.body}\n`);
    }
    if (plan.yamls.length) {
      const appRequire = createRequire(rootManifestPath);
      const YAML = appRequire('yaml');
      const configPath = path.join(appDir, 'app-config.yaml');
      const config = YAML.parse(fs.readFileSync(configPath, 'utf8'));
      for (const y of plan.yamls) mergeYaml(config, YAML.parse(y.text));
      fs.writeFileSync(configPath, YAML.stringify(config));
    }
  });

  await phase('type-check the app (yarn tsc)', async () => {
    const res = run('yarn', ['tsc'], { cwd: appDir, env: appEnv() });
    if (res.status !== 0) fail('yarn tsc fails in the adopter app');
  });

  const logDir = path.join(work, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const testConfig = path.join(appDir, 'app-config.adopter-test.yaml');
  fs.writeFileSync(
    testConfig,
    [
      '# The test environment: ports, SQLite in memory, the simulator as the',
      "# adopter's JumpCloud organisation.",
      'app:',
      `  baseUrl: http://localhost:${BACKEND_PORT}`,
      'backend:',
      `  baseUrl: http://localhost:${BACKEND_PORT}`,
      `  listen: { port: ${BACKEND_PORT} }`,
      "  database: { client: better-sqlite3, connection: ':memory:' }",
      `  cors: { origin: http://localhost:${BACKEND_PORT} }`,
      'jumpcloud:',
      `  allowedHosts: ['127.0.0.1:${SIM_PORT}']`,
      '  connections:',
      '    - name: adopter-simulator',
      `      apiUrl: http://127.0.0.1:${SIM_PORT}`,
      `      apiKey: ${SIM_KEY}`,
      '      syncFrequency: hourly',
      '',
    ].join('\n'),
  );

  const base = `http://localhost:${BACKEND_PORT}`;
  let token;
  const get = async route => {
    const res = await fetch(`${base}${route}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (!res.ok) throw new Error(`GET ${route}: ${res.status}`);
    return res.json();
  };

  await phase('start simulator and backend', async () => {
    for (const port of [BACKEND_PORT, SIM_PORT]) {
      if (await portInUse(port)) {
        throw new Error(
          `port ${port} is in use: stop what listens there, or set ADOPTER_BACKEND_PORT / ADOPTER_SIMULATOR_PORT`,
        );
      }
    }
    startProcess(
      'simulator',
      'yarn',
      [
        'workspace',
        '@backstage-jumpcloud/jumpcloud-simulator',
        'start',
        '--port',
        String(SIM_PORT),
        '--seed',
        '1',
        '--size',
        'S',
      ],
      { cwd: root, env: process.env, logDir },
    );
    startProcess(
      'backend',
      'yarn',
      [
        'start',
        '--config',
        '../../app-config.yaml',
        '--config',
        '../../app-config.adopter-test.yaml',
      ],
      {
        cwd: path.join(appDir, 'packages/backend'),
        env: { ...appEnv(), NODE_ENV: 'development' },
        logDir,
      },
    );
    await waitFor('the simulator', 60_000, async () => {
      const res = await fetch(`http://127.0.0.1:${SIM_PORT}/api/systems`, {
        headers: { 'x-api-key': SIM_KEY },
      });
      return res.ok;
    });
    const backendLog = path.join(logDir, 'backend.log');
    await waitFor('the backend', 180_000, async () => {
      if (/startup failed/i.test(fs.readFileSync(backendLog, 'utf8'))) {
        throw Object.assign(
          new Error(
            `the backend failed to start (${backendLog}):\n${fs
              .readFileSync(backendLog, 'utf8')
              .split('\n')
              .filter(l => /error|failed/i.test(l))
              .slice(0, 10)
              .join('\n')}`,
          ),
          { fatal: true },
        );
      }
      const res = await fetch(`${base}/api/catalog/entity-facets?facet=kind`);
      return res.status === 200 || res.status === 401;
    });
    await sleep(2000);
    if (/startup failed/i.test(fs.readFileSync(backendLog, 'utf8'))) {
      throw new Error(`the backend failed to start; see ${backendLog}`);
    }
    const refresh = await get('/api/auth/guest/refresh');
    token = refresh.backstageIdentity.token;
  });

  await phase('sync, catalog and findings through the REST API', async () => {
    const connection = await waitFor(
      'a complete sync of the simulator',
      180_000,
      async () => {
        const list = await get('/api/jumpcloud/connections');
        const items = Array.isArray(list) ? list : list.items;
        return items?.find(c => c.latestCompleteRunId) ?? false;
      },
    );
    log(`connection ${connection.name}: run ${connection.latestCompleteRunId}`);
    const count = async filter =>
      (
        await get(
          `/api/catalog/entities/by-query?limit=1&filter=${encodeURIComponent(
            filter,
          )}`,
        )
      ).totalItems;
    const catalog = await waitFor(
      'devices and users in the catalog',
      120_000,
      async () => {
        const devices = await count('kind=resource,spec.type=device');
        const users = await count(
          'kind=user,metadata.annotations.jumpcloud.com/user-id',
        );
        return devices > 0 && users > 0 ? { devices, users } : false;
      },
    ).catch(e => {
      fail(`devices and users did not reach the catalog: ${e.message}`);
      return undefined;
    });
    if (catalog) {
      log(`catalog: ${catalog.devices} devices, ${catalog.users} users`);
    }
    const findings = await get('/api/jumpcloud/findings?limit=1');
    if (!(findings.totalCount > 0)) {
      fail(`no findings: ${JSON.stringify(findings).slice(0, 200)}`);
    } else log(`findings: ${findings.totalCount}`);

    const shapes = documentedShapes(
      readmes.get('@backstage-jumpcloud/plugin-jumpcloud-backend') ?? '',
    );
    if (!shapes.arrays.length && !shapes.pages.length) {
      fail(
        'the backend README\'s "REST API" section names no routes under ' +
          '"Arrays:" or "Pages:" (the shapes this test checks)',
      );
    }
    for (const route of shapes.arrays) {
      const body = await get(`/api/jumpcloud${route}`);
      if (!Array.isArray(body)) {
        fail(`GET ${route}: README says an array, got ${describe(body)}`);
      }
    }
    for (const route of shapes.pages) {
      const body = await get(`/api/jumpcloud${route}?limit=2&offset=0`);
      const ok =
        body &&
        Array.isArray(body.items) &&
        typeof body.totalCount === 'number' &&
        body.limit === 2 &&
        body.offset === 0;
      if (!ok) {
        fail(
          `GET ${route}: README says { items, totalCount, limit, offset }, got ${describe(
            body,
          )}`,
        );
      }
    }
    log(
      `shapes checked: arrays ${shapes.arrays.join(
        ', ',
      )}; pages ${shapes.pages.join(', ')}`,
    );
  });

  await stopAndWait();
  const total = (Date.now() - started) / 1000;
  log('durations:');
  for (const t of timings) {
    process.stdout.write(
      `  ${t.seconds.toFixed(1).padStart(7)} s  ${t.name}\n`,
    );
  }
  process.stdout.write(`  ${total.toFixed(1).padStart(7)} s  total\n`);
  if (!keep && !failures.length)
    fs.rmSync(work, { recursive: true, force: true });
  else log(`kept: ${work} (unpacked tarballs, logs); the app: ${appDir}`);
  if (failures.length) {
    log(`${failures.length} failure(s):`);
    for (const f of failures) process.stdout.write(`  - ${f}\n`);
    process.exit(1);
  }
  log('the adopter path works');
}

function describe(body) {
  if (Array.isArray(body)) return `an array of ${body.length}`;
  if (body && typeof body === 'object') {
    return `an object with ${Object.keys(body).join(', ')}`;
  }
  return JSON.stringify(body);
}

process.on('SIGINT', () => {
  stopAll();
  process.exit(130);
});
process.on('SIGTERM', () => {
  stopAll();
  process.exit(143);
});

main().catch(async error => {
  await stopAndWait();
  log(`ERROR: ${error.stack ?? error}`);
  if (failures.length) {
    for (const f of failures) process.stdout.write(`  - ${f}\n`);
  }
  process.exit(1);
});
