import { spawn } from 'node:child_process';
import path from 'node:path';
import { DEMO_KEY } from './cli';

describe('jumpcloud-simulator CLI', () => {
  it('prints one line when listening and accepts the demo key', async () => {
    const bin = path.resolve(__dirname, '../bin/jumpcloud-simulator');
    const child = spawn(
      process.execPath,
      [bin, '--port', '0', '--seed', '1', '--size', 'S'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', chunk => {
          out += String(chunk);
          if (out.includes('\n')) resolve(out);
        });
        child.once('exit', code => reject(new Error(`exited with ${code}`)));
      });
      expect(line.trim().split('\n')).toHaveLength(1);
      const url = /listening on (http:\/\/[^\s]+)/.exec(line)![1];
      const res = await fetch(`${url}/api/systems?limit=1`, {
        headers: { 'x-api-key': DEMO_KEY },
      });
      expect(res.status).toBe(200);
      expect((await res.json()).totalCount).toBe(60);
    } finally {
      child.kill('SIGTERM');
      await new Promise(resolve => child.once('exit', resolve));
    }
  }, 60_000);
});
