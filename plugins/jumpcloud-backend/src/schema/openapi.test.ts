import { mockServices } from '@backstage/backend-test-utils';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { createFindingsRouter } from '../findings';
import { createRouter, type RouterDeps } from '../router';

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

/** Every "METHOD /path" an express router serves, nested routers included. */
function routesOf(stack: Layer[]): string[] {
  return stack.flatMap(layer => {
    if (layer.route) {
      return Object.keys(layer.route.methods).map(
        method =>
          `${method.toUpperCase()} ${layer.route!.path.replace(
            /:(\w+)/g,
            '{$1}',
          )}`,
      );
    }
    return layer.handle?.stack ? routesOf(layer.handle.stack) : [];
  });
}

describe('openapi.yaml', () => {
  const document = parse(
    readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'),
  );

  it('documents every route the router serves, and nothing else', () => {
    const access = {
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
      auditor: mockServices.auditor.mock(),
    };
    const findings = createFindingsRouter({
      ...access,
      catalogue: {} as any,
      findings: {} as any,
      exceptions: {} as any,
      posture: {} as any,
      evidence: {} as any,
      connections: {} as any,
      clock: () => ({} as any),
    });
    const router = createRouter({
      ...access,
      extraRouters: [findings],
    } as unknown as RouterDeps);
    const served = routesOf(
      (router as unknown as { stack: Layer[] }).stack,
    ).sort();
    const documented = Object.entries(
      document.paths as Record<string, Record<string, unknown>>,
    )
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter(key =>
            ['get', 'post', 'patch', 'put', 'delete'].includes(key),
          )
          .map(method => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    // Path parameter names may differ (e.g. {runId} vs {id}); compare shapes.
    const shape = (route: string) => route.replace(/\{\w+\}/g, '{}');
    expect(served.map(shape)).toEqual(documented.map(shape));
  });

  it('resolves every $ref', () => {
    const text = JSON.stringify(document);
    const refs = [...text.matchAll(/"\$ref":"#\/([^"]+)"/g)].map(m => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      const target = ref
        .split('/')
        .reduce<any>((node, key) => node?.[key], document);
      expect([ref, target !== undefined]).toEqual([ref, true]);
    }
  });
});
