import { NotFoundError } from '@backstage/errors';
import type { ActionZod } from './types';
import type { ConnectionRecord } from '../connections/ConnectionsStore';
import type { JumpCloudActionsDeps } from './types';

/** An action's `connection` input: a connection's id or its name. */
export const connectionInput = (
  z: ActionZod,
): ReturnType<ActionZod['string']> =>
  z
    .string()
    .min(1)
    .max(200)
    .describe(
      'The JumpCloud connection: its id or its name (as shown on the Connections tab).',
    );

/** The connection an action input names, by id first, then by name. */
export async function resolveConnection(
  deps: Pick<JumpCloudActionsDeps, 'connections'>,
  idOrName: string,
): Promise<ConnectionRecord> {
  const connection =
    (await deps.connections.get(idOrName)) ??
    (await deps.connections.getByName(idOrName));
  if (!connection)
    throw new NotFoundError(
      `No JumpCloud connection with id or name "${idOrName}"`,
    );
  return connection;
}
