import type { Server } from 'node:http';
import request from 'supertest';
import { callers } from './systemBackend';
import { eventually } from '@backstage-jumpcloud/test-utils';

export const API = '/api/jumpcloud';

/** An in-process test server, or the base URL of a backend process. */
export type ApiTarget = Server | string;

/** Creates a manual-sync connection through the API, as an admin would. */
export async function createConnection(
  server: ApiTarget,
  input: {
    name: string;
    apiUrl: string;
    apiKey?: string;
    users?: 'ingest' | 'link';
    orgId?: string;
    /** Service accounts: `authType: 'serviceAccount'`, clientId, clientSecret. */
    [field: string]: unknown;
  },
): Promise<string> {
  const res = await request(server)
    .post(`${API}/connections`)
    .set('authorization', callers.admin())
    .send({ ...input, syncFrequency: 'off' });
  if (res.status !== 201) {
    throw new Error(`create connection: ${res.status} ${res.text}`);
  }
  return res.body.id;
}

export interface RunView {
  id: string;
  status: string;
  stage: string | null;
  error: { kind: string; message: string } | null;
  failedDataTypes: Record<string, { kind: string }>;
  coverage: Record<
    string,
    { state: string; error?: { kind: string }; keptFromRunId?: string }
  >;
  counts: Record<string, number>;
}

/** Sync Now; returns the id of the run it queued (or joined). */
export async function startSync(
  server: ApiTarget,
  connectionId: string,
): Promise<string> {
  const started = await request(server)
    .post(`${API}/connections/${connectionId}/sync`)
    .set('authorization', callers.admin())
    .send({});
  if (started.status !== 202) {
    throw new Error(`sync: ${started.status} ${started.text}`);
  }
  return started.body.id;
}

/** Polls a run until it has ended. */
export async function waitForRun(
  server: ApiTarget,
  runId: string,
  timeoutMs = 60_000,
): Promise<RunView> {
  return eventually(async () => {
    const res = await request(server)
      .get(`${API}/runs/${runId}`)
      .set('authorization', callers.admin());
    if (res.status !== 200 || ['queued', 'running'].includes(res.body.status)) {
      throw new Error(`run ${runId} still ${res.body.status}`);
    }
    return res.body as RunView;
  }, timeoutMs);
}

/** Sync Now, then polls the run until it has ended. */
export async function syncAndWait(
  server: ApiTarget,
  connectionId: string,
  timeoutMs = 60_000,
): Promise<RunView> {
  return waitForRun(server, await startSync(server, connectionId), timeoutMs);
}

export async function getJson(server: ApiTarget, path: string) {
  const res = await request(server)
    .get(`${API}${path}`)
    .set('authorization', callers.admin());
  if (res.status !== 200) {
    throw new Error(`GET ${path}: ${res.status} ${res.text}`);
  }
  return res.body;
}

/** JumpCloud entities of one connection as the catalog API serves them. */
export async function catalogEntities(server: ApiTarget, connectionId: string) {
  const res = await request(server)
    .get('/api/catalog/entities/by-query')
    .query({
      filter: `metadata.annotations.jumpcloud.com/connection-id=${connectionId}`,
      limit: 1000,
    })
    // A service token, as other plugins read the catalog; the catalog's
    // user path goes through conditional decisions this test is not about.
    .set('authorization', callers.service());
  if (res.status !== 200) {
    throw new Error(`catalog: ${res.status} ${res.text}`);
  }
  return (res.body.items as Array<Record<string, any>>)
    .map(({ metadata, spec, kind, relations }) => ({
      ref: `${kind}:${metadata.namespace}/${metadata.name}`,
      // uid, etag and generation change on every write: leave them out so a
      // difference means the catalog content changed.
      metadata: {
        ...metadata,
        uid: undefined,
        etag: undefined,
        generation: undefined,
      },
      spec,
      relations,
    }))
    .sort((a, b) => a.ref.localeCompare(b.ref));
}

/**
 * Waits until the catalog serves the connection's entities and they have
 * stopped changing (processing and stitching done) for three polls. Up to
 * two minutes: with two test workers on a loaded two-core machine, the
 * catalog once took over a minute to process and stitch 61 entities that
 * settle in seconds on their own.
 */
export async function settledCatalog(server: ApiTarget, connectionId: string) {
  let previous = '';
  let stablePolls = 0;
  return eventually(
    async () => {
      const entities = await catalogEntities(server, connectionId);
      const text = JSON.stringify(entities);
      stablePolls = text === previous ? stablePolls + 1 : 0;
      previous = text;
      if (entities.length === 0 || stablePolls < 3) {
        throw new Error(
          `catalog not settled: ${entities.length} entities, stable for ${stablePolls} polls`,
        );
      }
      return entities;
    },
    120_000,
    1_000,
  );
}

/** Every finding of a connection, sorted, for before/after comparisons. */
export async function allFindings(server: ApiTarget, connectionId: string) {
  const page = await getJson(
    server,
    `/findings?connectionId=${connectionId}&limit=1000`,
  );
  return (page.items as Array<{ id: string }>).sort((a, b) =>
    a.id.localeCompare(b.id),
  );
}

interface TaskView {
  taskId: string;
  taskState: { status: string; lastRunEndedAt?: string } | null;
}

async function catalogTasks(server: ApiTarget): Promise<TaskView[]> {
  const res = await request(server)
    .get('/api/catalog/.backstage/scheduler/v1/tasks')
    .set('authorization', callers.service());
  if (res.status !== 200) {
    throw new Error(`catalog tasks: ${res.status} ${res.text}`);
  }
  return res.body.tasks;
}

/**
 * Runs the JumpCloud entity provider's scheduled refresh now and waits for
 * it to end, so "the catalog did not change" is checked after the provider
 * has really looked at the backend again (not just because nothing ran).
 */
export async function refreshCatalogProvider(server: ApiTarget) {
  const tasks = await catalogTasks(server);
  const task = tasks.find(t => /jumpcloud/i.test(t.taskId));
  if (!task) {
    throw new Error(`no JumpCloud task in ${tasks.map(t => t.taskId)}`);
  }
  // A refresh already under way (its own schedule, or the sync's event) may
  // have read the backend before the run under test ended: wait for it to
  // end, then trigger a fresh one and wait for that one.
  const before = await eventually(async () => {
    const current = (await catalogTasks(server)).find(
      t => t.taskId === task.taskId,
    );
    const endedBefore = current?.taskState?.lastRunEndedAt ?? '';
    const triggered = await request(server)
      .post(
        `/api/catalog/.backstage/scheduler/v1/tasks/${encodeURIComponent(
          task.taskId,
        )}/trigger`,
      )
      .set('authorization', callers.service());
    if (triggered.status !== 200) {
      throw new Error(`trigger: ${triggered.status} ${triggered.text}`);
    }
    return endedBefore;
  }, 60_000);
  await eventually(async () => {
    const now = (await catalogTasks(server)).find(
      t => t.taskId === task.taskId,
    );
    const ended = now?.taskState?.lastRunEndedAt ?? '';
    if (now?.taskState?.status !== 'idle' || ended <= before) {
      throw new Error(`provider refresh not finished: ${JSON.stringify(now)}`);
    }
  }, 60_000);
}
