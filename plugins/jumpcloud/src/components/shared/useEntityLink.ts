import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';

/**
 * The catalog page path of an entity ref, resolved once per table instead of
 * once per row: EntityRefLink also loads each entity's presentation, which
 * costs more than a long findings page can afford.
 */
export function useEntityPath(): (entityRef: string) => string | undefined {
  const entityRoute = useRouteRef(entityRouteRef);
  return useCallback(
    (entityRef: string) => {
      try {
        const { kind, namespace, name } = parseEntityRef(entityRef);
        return entityRoute({
          kind: kind.toLocaleLowerCase('en-US'),
          namespace: namespace.toLocaleLowerCase('en-US'),
          name,
        });
      } catch {
        return undefined;
      }
    },
    [entityRoute],
  );
}
