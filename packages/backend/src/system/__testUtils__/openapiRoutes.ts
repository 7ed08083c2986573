import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

export interface DocumentedRoute {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** OpenAPI template, e.g. `/connections/{id}`. */
  path: string;
  /** False for routes declared `security: []`. */
  authenticated: boolean;
}

const METHODS = ['get', 'post', 'patch', 'put', 'delete'] as const;

/**
 * Every operation of the jumpcloud backend's own OpenAPI document, so routes
 * added there are covered by the system tests without editing them.
 */
export function documentedRoutes(): DocumentedRoute[] {
  const pkg = require.resolve(
    '@backstage-jumpcloud/plugin-jumpcloud-backend/package.json',
  );
  const document = parse(
    readFileSync(join(dirname(pkg), 'src/schema/openapi.yaml'), 'utf8'),
  ) as {
    security?: unknown[];
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };
  const routes: DocumentedRoute[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const security = operation.security ?? document.security ?? [];
      routes.push({ method, path, authenticated: security.length > 0 });
    }
  }
  return routes;
}
