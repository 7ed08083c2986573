import type { SyncRun } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { mockCredentials } from '@backstage/backend-test-utils';

/**
 * The JumpCloud backend's REST API as a signed-in user calls it, for the
 * benchmarks: list connections, and sync one to its end.
 */
export function jumpcloudApi(baseUrl: string) {
  const api = async (method: string, route: string) => {
    const response = await fetch(`${baseUrl}/api/jumpcloud${route}`, {
      method,
      headers: { Authorization: mockCredentials.user.header() },
    });
    if (!response.ok)
      throw new Error(
        `${method} ${route}: ${response.status} ${await response.text()}`,
      );
    return response.json();
  };
  return {
    connections: (): Promise<Array<{ id: string }>> =>
      api('GET', '/connections'),
    /** Starts a sync and polls it until it ends; throws unless it succeeded. */
    async sync(connectionId: string): Promise<SyncRun & { ms: number }> {
      const begin = Date.now();
      const run: SyncRun = await api(
        'POST',
        `/connections/${connectionId}/sync`,
      );
      for (;;) {
        const current: SyncRun = await api('GET', `/runs/${run.id}`);
        if (current.status !== 'running') {
          if (current.status !== 'succeeded') {
            throw new Error(
              `sync ${current.status}: ${JSON.stringify(
                current.failedDataTypes ?? current.error,
              )}`,
            );
          }
          return { ...current, ms: Date.now() - begin };
        }
        await new Promise(resolve => setTimeout(resolve, 500));
      }
    },
  };
}
