#!/usr/bin/env node
// Starts the demo: the JumpCloud simulator on :7011, the Backstage backend on
// :7007 and the frontend on :3000. Run through `npm start`, which bootstraps the
// toolchain first. Ctrl-C stops all three.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir =
  process.env.BACKSTAGE_DATA_DIR ?? path.join(root, '.data', 'sqlite');
fs.mkdirSync(dataDir, { recursive: true });

const env = {
  ...process.env,
  BACKSTAGE_DATA_DIR: dataDir,
  NODE_ENV: process.env.NODE_ENV ?? 'development',
};

const children = [];
let stopping = false;

function start(name, args) {
  const child = spawn('yarn', args, {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  child.on('exit', code => {
    if (!stopping) {
      process.stderr.write(`[demo] ${name} exited (${code}); stopping\n`);
      stop(code ?? 1);
    }
  });
  children.push(child);
}

function stop(code) {
  stopping = true;
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(code), 1500).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

process.stderr.write(
  `[demo] data in ${dataDir}\n` +
    '[demo] simulator http://127.0.0.1:7011, backend http://localhost:7007, app http://localhost:3000\n',
);
start('simulator', [
  'workspace',
  '@backstage-jumpcloud/jumpcloud-simulator',
  'start',
  '--port',
  '7011',
  '--seed',
  '1',
  '--size',
  process.env.JUMPCLOUD_DEMO_SIZE ?? 'S',
]);
start('backstage', ['backstage-cli', 'repo', 'start']);
