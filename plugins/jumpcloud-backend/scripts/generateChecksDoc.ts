// Writes docs/checks.md from the check catalogue, then lets the repository's
// prettier align the tables (src/checks/docs.test.ts fails when it is stale).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderChecksMarkdown } from '../src/checks/docs';

const file = resolve(__dirname, '../docs/checks.md');
writeFileSync(file, renderChecksMarkdown());
execFileSync('yarn', ['prettier', '--write', file], {
  cwd: resolve(__dirname, '../../..'),
  stdio: 'inherit',
});
