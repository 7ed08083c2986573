import type { Server } from 'node:http';
import request from 'supertest';
import { callers } from './systemBackend';
import { eventually } from './waitFor';

export const API = '/api/jumpcloud';

/** Creates a manual-sync connection through the API, as an admin would. */
export async function createConnection(
  server: Server,
  input: { name: string; apiUrl: string; apiKey: string },
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
}

/** Sync Now, then polls the run until it has ended. */
export async function syncAndWait(
  server: Server,
  connectionId: string,
  timeoutMs = 60_000,
): Promise<RunView> {
  const started = await request(server)
    .post(`${API}/connections/${connectionId}/sync`)
    .set('authorization', callers.admin())
    .send({});
  if (started.status !== 202) {
    throw new Error(`sync: ${started.status} ${started.text}`);
  }
  return eventually(async () => {
    const res = await request(server)
      .get(`${API}/runs/${started.body.id}`)
      .set('authorization', callers.admin());
    if (res.status !== 200 || ['queued', 'running'].includes(res.body.status)) {
      throw new Error(`run ${started.body.id} still ${res.body.status}`);
    }
    return res.body as RunView;
  }, timeoutMs);
}

export async function getJson(server: Server, path: string) {
  const res = await request(server)
    .get(`${API}${path}`)
    .set('authorization', callers.admin());
  if (res.status !== 200) {
    throw new Error(`GET ${path}: ${res.status} ${res.text}`);
  }
  return res.body;
}

/** JumpCloud entities of one connection as the catalog API serves them. */
export async function catalogEntities(server: Server, connectionId: string) {
  const res = await request(server)
    .get('/api/catalog/entities/by-query')
    .query({
      filter: `metadata.annotations.jumpcloud.com/connection-id=${connectionId}`,
      limit: 1000,
    })
    .set('authorization', callers.admin());
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

/** Waits until the catalog serves the connection's entities and they stop changing. */
export async function settledCatalog(server: Server, connectionId: string) {
  let previous = '';
  return eventually(
    async () => {
      const entities = await catalogEntities(server, connectionId);
      const text = JSON.stringify(entities);
      const stable =
        entities.length > 0 &&
        text === previous &&
        entities.every(e => (e.relations ?? []).length > 0);
      previous = text;
      if (!stable) throw new Error('catalog not settled yet');
      return entities;
    },
    90_000,
    500,
  );
}

/** Every finding of a connection, sorted, for before/after comparisons. */
export async function allFindings(server: Server, connectionId: string) {
  const page = await getJson(
    server,
    `/findings?connectionId=${connectionId}&limit=1000`,
  );
  return (page.items as Array<{ id: string }>).sort((a, b) =>
    a.id.localeCompare(b.id),
  );
}
