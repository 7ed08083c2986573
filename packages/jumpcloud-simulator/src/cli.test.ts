import { spawn } from 'node:child_process';
import path from 'node:path';
import { DEMO_KEY } from './cli';

/** Runs the CLI until it prints its one line; returns that line and the child. */
async function runCli(args: string[]) {
  const bin = path.resolve(__dirname, '../bin/jumpcloud-simulator');
  const child = spawn(process.execPath, [bin, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', chunk => {
      out += String(chunk);
      if (out.includes('\n')) resolve(out);
    });
    child.once('exit', code => reject(new Error(`exited with ${code}`)));
  });
  return { child, line };
}

async function stop(child: ReturnType<typeof spawn>) {
  child.kill('SIGTERM');
  await new Promise(resolve => child.once('exit', resolve));
}

describe('jumpcloud-simulator CLI', () => {
  it('prints one line when listening and accepts the demo key', async () => {
    const { child, line } = await runCli([
      '--port',
      '0',
      '--seed',
      '1',
      '--size',
      'S',
    ]);
    try {
      expect(line.trim().split('\n')).toHaveLength(1);
      const url = /listening on (http:\/\/[^\s]+)/.exec(line)![1];
      const res = await fetch(`${url}/api/systems?limit=1`, {
        headers: { 'x-api-key': DEMO_KEY },
      });
      expect(res.status).toBe(200);
      expect((await res.json()).totalCount).toBe(60);
    } finally {
      await stop(child);
    }
  }, 60_000);

  it('gives the demo key the profile, plan and role flags', async () => {
    const { child, line } = await runCli([
      '--port',
      '0',
      '--profile',
      'no-premium',
      '--role',
      'helpDesk',
      '--forbid',
      '/api/v2/usergroups',
      '--msp-tenants',
      '5',
      '--churn',
    ]);
    try {
      expect(line).toContain('profile no-premium');
      const url = /listening on (http:\/\/[^\s]+)/.exec(line)![1];
      const get = (p: string, key = DEMO_KEY) =>
        fetch(`${url}${p}`, { headers: { 'x-api-key': key } }).then(
          r => r.status,
        );
      const info = await fetch(`${url}/__simulator`).then(r => r.json());
      // The plan applies to every key; Help Desk's 403 comes before it.
      // (--role also sets keys.readOnly, so the admin key shows the plan.)
      expect(await get('/api/v2/authn/policies', info.keys.admin)).toBe(402);
      expect(await get('/api/v2/authn/policies')).toBe(403);
      expect(await get('/api/users')).toBe(403); // Help Desk
      expect(await get('/api/v2/usergroups')).toBe(403); // --forbid
      expect(await get('/api/systems')).toBe(200);
      expect(info.tenants).toBe(5);
      expect(info.settings.churn).toMatchObject({ usersCreatedPerPage: 3 });
      const orgs = await fetch(`${url}/api/organizations`, {
        headers: { 'x-api-key': info.keys.multiTenant },
      }).then(r => r.json());
      expect(orgs.totalCount).toBe(8);
    } finally {
      await stop(child);
    }
  }, 60_000);
});
