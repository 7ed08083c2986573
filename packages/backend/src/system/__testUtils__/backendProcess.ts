import type { JsonObject } from '@backstage/types';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import request from 'supertest';
import { callers } from './systemBackend';
import { eventually } from '@backstage-jumpcloud/test-utils';

/**
 * A database the child backends share: a folder of SQLite files (one per
 * plugin) or a set of PostgreSQL databases under one random prefix.
 */
export class ChildDatabase {
  private constructor(
    readonly kind: 'SQLITE_3' | 'POSTGRES_15',
    private readonly location: string,
    private readonly connectionString?: string,
  ) {}

  static sqlite(): ChildDatabase {
    return new ChildDatabase(
      'SQLITE_3',
      mkdtempSync(join(tmpdir(), 'jc-system-db-')),
    );
  }

  static postgres(connectionString: string): ChildDatabase {
    const prefix = `jc_sys_${randomBytes(4).toString('hex')}_`;
    return new ChildDatabase('POSTGRES_15', prefix, connectionString);
  }

  /** The `backend.database` block of the child's config. */
  config(): JsonObject {
    return this.kind === 'SQLITE_3'
      ? {
          client: 'better-sqlite3',
          connection: { directory: this.location },
        }
      : {
          client: 'pg',
          connection: this.connectionString!,
          prefix: this.location,
        };
  }

  /** A connection of the test's own to one plugin's database. */
  open(pluginId: string): Knex {
    return this.kind === 'SQLITE_3'
      ? knexFactory({
          client: 'better-sqlite3',
          connection: { filename: join(this.location, `${pluginId}.sqlite`) },
          useNullAsDefault: true,
        })
      : knexFactory({
          client: 'pg',
          connection: this.#pluginUrl(pluginId),
          pool: { min: 0, max: 2 },
        });
  }

  #pluginUrl(pluginId: string): string {
    const url = new URL(this.connectionString!);
    url.pathname = `/${this.location}${pluginId}`;
    return url.toString();
  }

  /** Removes the files or databases (after every child has exited). */
  async dispose() {
    if (this.kind === 'SQLITE_3') {
      rmSync(this.location, { recursive: true, force: true });
      return;
    }
    const admin = knexFactory({
      client: 'pg',
      connection: this.connectionString!,
      pool: { min: 0, max: 1 },
    });
    try {
      const { rows } = await admin.raw(
        'select datname from pg_database where datname like ?',
        [`${this.location}%`],
      );
      for (const { datname } of rows as Array<{ datname: string }>) {
        await admin.raw('drop database if exists ?? with (force)', [datname]);
      }
    } finally {
      await admin.destroy();
    }
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

export interface BackendProcessOptions {
  name: string;
  database: ChildDatabase;
  jumpcloud: JsonObject;
}

/**
 * A real backend in a child process (childBackend.ts, transpiled on the fly
 * like `backstage-cli package start` does), so a test can SIGKILL it.
 */
export class BackendProcess {
  #output: string[] = [];
  #exited: Promise<NodeJS.Signals | number | null>;

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.#output.push(chunk.toString('utf8'));
      if (this.#output.length > 400) this.#output.splice(0, 100);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.#exited = new Promise(resolve =>
      child.once('exit', (code, signal) => resolve(signal ?? code)),
    );
  }

  static async start(options: BackendProcessOptions): Promise<BackendProcess> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const dir = mkdtempSync(join(tmpdir(), `jc-system-${options.name}-`));
    const configPath = join(dir, 'app-config.yaml');
    // JSON is YAML: the child reads only this file.
    writeFileSync(
      configPath,
      JSON.stringify({
        backend: {
          baseUrl: url,
          listen: { host: '127.0.0.1', port },
          database: options.database.config(),
        },
        permission: { enabled: true },
        catalog: {
          // New entities are processed at once; no endless reprocessing to
          // queue them behind (see systemBackend.ts).
          processingInterval: { minutes: 30 },
          providers: {
            jumpcloud: {
              schedule: {
                frequency: { hours: 12 },
                timeout: { minutes: 5 },
                initialDelay: { seconds: 1 },
              },
            },
          },
        },
        jumpcloud: options.jumpcloud,
      }),
    );
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        join(__dirname, 'childBackend.ts'),
        '--config',
        configPath,
      ],
      {
        // The backend looks for its package.json upwards from here.
        cwd: join(__dirname, '..', '..', '..'),
        // Not `test`: under NODE_ENV=test the scheduler runs no janitor,
        // which frees the task locks of dead processes.
        env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info' },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const proc = new BackendProcess(options.name, url, child);
    child.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    let exited = false;
    proc.#exited.then(() => {
      exited = true;
    });
    try {
      await eventually(
        async () => {
          if (exited) return;
          const health = await request(url).get('/api/jumpcloud/health');
          const catalog = await request(url)
            .get('/api/catalog/entities?limit=1')
            .set('authorization', callers.service());
          if (health.status !== 200 || catalog.status !== 200) {
            throw new Error(`${health.status} ${catalog.status}`);
          }
        },
        120_000,
        250,
      );
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(
        `backend ${options.name} did not start: ${error}\n${proc.output(40)}`,
      );
    }
    if (exited) {
      throw new Error(
        `backend ${options.name} exited during start-up:\n${proc.output(40)}`,
      );
    }
    return proc;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The last `lines` lines the process printed. */
  output(lines = 400): string {
    return this.#output.join('').split('\n').slice(-lines).join('\n');
  }

  /** Ends the process with SIGKILL: no shutdown hooks, no cleanup. */
  async kill(): Promise<NodeJS.Signals | number | null> {
    this.child.kill('SIGKILL');
    return this.#exited;
  }

  /** Graceful stop (SIGTERM), SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.#exited;
    clearTimeout(timer);
  }
}
