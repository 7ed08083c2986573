import type { EntityPosture } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import { NotFoundError } from '@backstage/errors';
import type { ExceptionsStore } from '../findings/ExceptionsStore';
import { toIsoUtc, type Clock } from '../findings/time';
import type { PostureStore } from './PostureStore';

/**
 * An entity's check results as of now, for the entity tab's route, the
 * entity posture action and the Tech Insights facts: exceptions accepted or
 * expired since the run apply at once.
 */
export class EntityPostureService {
  constructor(
    private readonly deps: {
      posture: Pick<PostureStore, 'entities'>;
      exceptions: Pick<ExceptionsStore, 'active'>;
      clock: Clock;
    },
  ) {}

  async read(connectionId: string, entityId: string): Promise<EntityPosture> {
    const [entity] = await this.readMany(connectionId, [entityId]);
    if (!entity)
      throw new NotFoundError(
        `No results for entity ${entityId} in connection ${connectionId}`,
      );
    return entity;
  }

  async readMany(
    connectionId: string,
    entityIds: string[],
  ): Promise<EntityPosture[]> {
    const active = await this.deps.exceptions.active(
      connectionId,
      toIsoUtc(this.deps.clock()),
    );
    return this.deps.posture.entities(connectionId, entityIds, active);
  }
}
