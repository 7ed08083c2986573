#!/usr/bin/env node
// Builds and packs every publishable workspace package the way npm publish
// would (`backstage-cli package build`, then `yarn pack`, which runs
// `backstage-cli package prepack`/`postpack`), then checks each tarball as an
// adopter receives it:
//   - every entry point in the packed package.json (main, module, types,
//     exports, typesVersions, configSchema) names a file inside the tarball;
//   - no `workspace:` dependency range survived packing;
//   - the runtime files the package reads from disk (migrations/) are packed;
//   - every relative link in the packed README points to a file in the tarball.
//
// Output (reused by the adopter test, `yarn test:adopter`):
//   node_modules/.cache/jumpcloud-packs/<name>.tgz   one tarball per package,
//     <name> = package name without the scope, e.g. plugin-jumpcloud-backend.tgz
//   node_modules/.cache/jumpcloud-packs/packs.json   { "<package name>": "<absolute .tgz path>" }
//
// Usage: yarn build:packs [--skip-tsc] [--only <package name>,...]
//   --skip-tsc  reuse dist-types from an earlier `yarn tsc` (npm test runs it first)
// Exits non-zero when a build, a pack or a check fails; every package is
// still packed and checked so one run reports all problems.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'node_modules', '.cache', 'jumpcloud-packs');
const args = process.argv.slice(2);
const skipTsc = args.includes('--skip-tsc');
const onlyArg = args.indexOf('--only');
const only = onlyArg >= 0 ? args[onlyArg + 1]?.split(',') : undefined;

function run(cmd, cmdArgs, cwd, { quiet = false } = {}) {
  const res = spawnSync(cmd, cmdArgs, {
    cwd,
    encoding: 'utf8',
    stdio: quiet ? 'pipe' : 'inherit',
    maxBuffer: 64 * 1024 * 1024,
  });
  return res;
}

function publishableWorkspaces() {
  const dirs = ['packages', 'plugins'].flatMap(parent =>
    fs
      .readdirSync(path.join(root, parent))
      .map(name => path.join(root, parent, name))
      .filter(dir => fs.existsSync(path.join(dir, 'package.json'))),
  );
  return dirs
    .map(dir => ({
      dir,
      pkg: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')),
    }))
    .filter(({ pkg }) => !pkg.private)
    .filter(({ pkg }) => !only || only.includes(pkg.name));
}

function tarballEntries(tgz) {
  const res = run('tar', ['-tzf', tgz], root, { quiet: true });
  if (res.status !== 0) throw new Error(`tar -tzf ${tgz}: ${res.stderr}`);
  return new Set(
    res.stdout
      .split('\n')
      .filter(Boolean)
      .map(entry => entry.replace(/^package\//, '')),
  );
}

function tarballFile(tgz, file) {
  const res = run('tar', ['-xzOf', tgz, `package/${file}`], root, {
    quiet: true,
  });
  return res.status === 0 ? res.stdout : undefined;
}

function exists(entries, target) {
  const clean = path.posix.normalize(target.replace(/^\.\//, ''));
  if (entries.has(clean)) return true;
  // A directory link (e.g. `migrations/`) is fine when files live under it.
  const dir = clean.replace(/\/?$/, '/');
  return [...entries].some(entry => entry.startsWith(dir));
}

// Every string in an exports/typesVersions tree that names a file. Condition
// values such as `"backstage": "@backstage/FrontendPlugin"` are not paths.
function pathsIn(value) {
  if (typeof value === 'string') return value.startsWith('.') ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(pathsIn);
  if (value && typeof value === 'object') {
    return Object.values(value).flatMap(pathsIn);
  }
  return [];
}

function entryPointProblems(pkg, entries) {
  const problems = [];
  const named = [
    ['main', pkg.main],
    ['module', pkg.module],
    ['types', pkg.types],
    ['configSchema', pkg.configSchema],
  ].filter(([, target]) => target);
  for (const [field, target] of named) {
    if (!exists(entries, target)) problems.push(`${field} → ${target}`);
  }
  if (!pkg.main) problems.push('main is missing');
  if (!pkg.types) problems.push('types is missing');
  for (const target of pathsIn(pkg.exports)) {
    if (!exists(entries, target)) problems.push(`exports → ${target}`);
  }
  for (const target of Object.values(pkg.typesVersions?.['*'] ?? {}).flat()) {
    if (!exists(entries, target)) problems.push(`typesVersions → ${target}`);
  }
  for (const [field, target] of [
    ['main', pkg.main],
    ['types', pkg.types],
  ]) {
    if (target?.includes('src/')) {
      problems.push(`${field} still points at source: ${target}`);
    }
  }
  for (const kind of ['dependencies', 'peerDependencies']) {
    for (const [dep, range] of Object.entries(pkg[kind] ?? {})) {
      if (String(range).startsWith('workspace:')) {
        problems.push(`${kind}.${dep} is still ${range}`);
      }
    }
  }
  return problems;
}

function runtimeFileProblems(dir, entries) {
  return ['migrations']
    .filter(name => fs.existsSync(path.join(dir, name)))
    .filter(name => !exists(entries, name))
    .map(name => `${name}/ exists in the repository but is not packed`);
}

// Inline links and images `[text](target)`, reference definitions
// `[id]: target`, and HTML `src=`/`href=` attributes.
function readmeLinks(markdown) {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '');
  const patterns = [
    /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
    /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm,
    /\b(?:src|href)="([^"]+)"/g,
  ];
  return patterns.flatMap(pattern =>
    [...withoutCode.matchAll(pattern)].map(match => match[1]),
  );
}

function readmeProblems(tgz, entries) {
  const readme = [...entries].find(entry => /^readme(\.md)?$/i.test(entry));
  if (!readme) return ['README.md is not packed'];
  const markdown = tarballFile(tgz, readme) ?? '';
  return readmeLinks(markdown)
    .filter(link => !/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(link))
    .map(link => decodeURI(link.split('#')[0].split('?')[0]))
    .filter(Boolean)
    .filter(link => link.startsWith('../') || !exists(entries, link))
    .map(link => `README links ${link}, which is not in the tarball`);
}

function packOne({ dir, pkg }) {
  const name = pkg.name.replace(/^@[^/]+\//, '');
  const tgz = path.join(outDir, `${name}.tgz`);
  const manifestPath = path.join(dir, 'package.json');
  const original = fs.readFileSync(manifestPath, 'utf8');
  const problems = [];
  try {
    console.log(`\n[packs] ${pkg.name}: build`);
    if (run('yarn', ['backstage-cli', 'package', 'build'], dir).status !== 0) {
      return {
        name: pkg.name,
        problems: ['backstage-cli package build failed'],
      };
    }
    console.log(`[packs] ${pkg.name}: pack → ${path.relative(root, tgz)}`);
    fs.rmSync(tgz, { force: true });
    const packed = run('yarn', ['pack', '--out', tgz], dir, { quiet: true });
    if (packed.status !== 0) {
      process.stdout.write(packed.stdout + packed.stderr);
      return { name: pkg.name, problems: ['yarn pack failed'] };
    }
  } finally {
    // postpack restores package.json; if packing died half-way, do it here so
    // a prepacked manifest is never left behind in the working tree.
    if (fs.readFileSync(manifestPath, 'utf8') !== original) {
      fs.writeFileSync(manifestPath, original);
      fs.rmSync(path.join(dir, 'package.json-prepack'), { force: true });
      problems.push('package.json was not restored by postpack (restored now)');
    }
  }
  const entries = tarballEntries(tgz);
  const packedPkg = JSON.parse(tarballFile(tgz, 'package.json'));
  problems.push(
    ...entryPointProblems(packedPkg, entries),
    ...runtimeFileProblems(dir, entries),
    ...readmeProblems(tgz, entries),
  );
  return { name: pkg.name, tgz, problems };
}

function main() {
  fs.mkdirSync(outDir, { recursive: true });
  if (!skipTsc) {
    console.log('[packs] yarn tsc (declarations in dist-types for the builds)');
    if (run('yarn', ['tsc'], root).status !== 0) {
      console.error('[packs] yarn tsc failed');
      process.exit(1);
    }
  }
  const results = publishableWorkspaces().map(packOne);
  const manifestFile = path.join(outDir, 'packs.json');
  const previous = fs.existsSync(manifestFile)
    ? JSON.parse(fs.readFileSync(manifestFile, 'utf8'))
    : {};
  const manifest = { ...(only ? previous : {}) };
  for (const r of results) if (r.tgz) manifest[r.name] = r.tgz;
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);

  console.log('\n[packs] summary');
  for (const r of results) {
    console.log(`  ${r.problems.length ? 'FAIL' : 'ok  '}  ${r.name}`);
    for (const problem of r.problems) console.log(`          - ${problem}`);
  }
  console.log(`\n[packs] tarballs and packs.json in ${outDir}`);
  process.exit(results.some(r => r.problems.length) ? 1 : 0);
}

main();
