#!/usr/bin/env node
// Validates .changeset/ without git history, so it works on a fresh clone
// (`changeset status` needs the base branch and counts uncommitted edits):
//   - .changeset/config.json is valid for this workspace (its `ignore` names
//     real packages);
//   - every .changeset/*.md parses, has a summary, and names only existing,
//     non-private, non-ignored packages with a bump of major, minor or patch.
// Uses the libraries @changesets/cli itself uses, resolved through it.

import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fromCli = createRequire(
  createRequire(import.meta.url).resolve('@changesets/cli/package.json'),
);
const load = name => import(pathToFileURL(fromCli.resolve(name)).href);

const BUMPS = new Set(['major', 'minor', 'patch']);

async function main() {
  const { getPackages } = await load('@manypkg/get-packages');
  const { readConfig } = await load('@changesets/config');
  const { readChangesets } = await load('@changesets/read');

  const packages = await getPackages(root);
  const problems = [];

  const parsed = await readConfig(root, packages);
  for (const error of parsed.errors ?? []) {
    problems.push(`.changeset/config.json: ${error}`);
  }
  const ignored = new Set(parsed.config?.ignore ?? []);
  const releasable = new Set(
    packages.packages
      .filter(pkg => !pkg.packageJson.private)
      .map(pkg => pkg.packageJson.name)
      .filter(name => !ignored.has(name)),
  );

  let changesets = [];
  try {
    changesets = await readChangesets(root);
  } catch (error) {
    problems.push(`.changeset/*.md: ${error.message}`);
  }
  for (const changeset of changesets) {
    const file = `.changeset/${changeset.id}.md`;
    if (changeset.releases.length === 0) {
      problems.push(`${file}: names no package`);
    }
    if (!changeset.summary.trim()) problems.push(`${file}: has no summary`);
    for (const { name, type } of changeset.releases) {
      if (!releasable.has(name)) {
        problems.push(
          `${file}: ${name} is not a published package of this repository`,
        );
      }
      if (!BUMPS.has(type)) {
        problems.push(
          `${file}: ${name} has bump "${type}" (major|minor|patch)`,
        );
      }
    }
  }

  for (const problem of problems) console.error(`changesets: ${problem}`);
  console.log(
    `changesets: ${changesets.length} checked against ${releasable.size} published packages, ` +
      `${problems.length} problem(s)`,
  );
  process.exit(problems.length ? 1 : 0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
