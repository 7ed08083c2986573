import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP proxy to `target` that records every request it forwards. */
export async function startRecordingProxy(
  target: string,
  record: (method: string, url: string, headers: Map<string, string>) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const headers = new Map<string, string>();
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      headers.set(req.rawHeaders[i].toLowerCase(), req.rawHeaders[i + 1]);
    record(req.method ?? 'GET', req.url ?? '/', headers);
    const forward = http.request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', error => {
      res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(forward);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
