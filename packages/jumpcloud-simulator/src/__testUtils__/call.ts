export interface CallOptions {
  key?: string;
  orgId?: string | string[];
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** Test helper: one HTTP call to a simulator listener. */
export async function call(
  baseUrl: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers = new Headers(options.headers);
  if (options.key) headers.set('x-api-key', options.key);
  const orgIds = Array.isArray(options.orgId) ? options.orgId : [options.orgId];
  for (const org of orgIds) if (org) headers.append('x-org-id', org);
  if (options.body !== undefined)
    headers.set('content-type', 'application/json');
  const response = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? (options.body !== undefined ? 'POST' : 'GET'),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
