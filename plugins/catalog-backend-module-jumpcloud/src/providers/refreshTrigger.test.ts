import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import type { EventParams } from '@backstage/plugin-events-node';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { JUMPCLOUD_SYNC_COMPLETED_TOPIC } from '@backstage-jumpcloud/plugin-jumpcloud-common';
import {
  JumpCloudEntityProvider,
  type JumpCloudEntityProviderOptions,
} from './JumpCloudEntityProvider';
import { JUMPCLOUD_REFRESH_TASK_ID } from './constants';

/**
 * A provider whose scheduler refuses `refusals` triggers (a refresh runs
 * on some replica) before accepting one; `syncCompleted` delivers the event.
 */
async function providerWithBusyRefresh(refusals: number) {
  let refused = 0;
  const triggerTask = jest.fn(async (_id: string) => {
    if (refused < refusals) {
      refused += 1;
      throw new ConflictError('the task is running');
    }
  });
  let onEvent: ((params: EventParams) => Promise<void>) | undefined;
  const provider = new JumpCloudEntityProvider({
    logger: mockServices.logger.mock(),
    config: { schedule: { frequency: { hours: 1 }, timeout: { hours: 1 } } },
    scheduler: { scheduleTask: jest.fn(), triggerTask },
    events: {
      subscribe: async ({ onEvent: handler }: { onEvent: typeof onEvent }) => {
        onEvent = handler;
      },
    },
  } as unknown as JumpCloudEntityProviderOptions);
  await provider.connect({} as EntityProviderConnection);
  const syncCompleted = () =>
    onEvent!({ topic: JUMPCLOUD_SYNC_COMPLETED_TOPIC, eventPayload: {} });
  return { triggerTask, syncCompleted };
}

/** Lets the timers and the promises they start run for `ms`. */
async function elapse(ms: number) {
  for (let t = 0; t < ms; t += 1_000)
    await jest.advanceTimersByTimeAsync(1_000);
}

describe('JumpCloudEntityProvider refresh trigger', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('keeps trying while a refresh runs, however long, until the trigger is accepted', async () => {
    // 30 refusals five seconds apart: a refresh running for two and a half minutes.
    const { triggerTask, syncCompleted } = await providerWithBusyRefresh(30);
    await syncCompleted();
    await elapse(10 * 60_000);
    expect(triggerTask).toHaveBeenCalledTimes(31);
    expect(triggerTask).toHaveBeenLastCalledWith(JUMPCLOUD_REFRESH_TASK_ID);
    // Accepted: nothing more is tried.
    await elapse(60_000);
    expect(triggerTask).toHaveBeenCalledTimes(31);
  });

  it('gives events that arrive while a trigger waits that same trigger', async () => {
    const { triggerTask, syncCompleted } = await providerWithBusyRefresh(3);
    await syncCompleted();
    await syncCompleted();
    await elapse(6_000);
    await syncCompleted();
    await elapse(60_000);
    // One waiting trigger: its first try, three refused, one accepted.
    expect(triggerTask).toHaveBeenCalledTimes(4);
    // Once accepted, a later event triggers again.
    await syncCompleted();
    expect(triggerTask).toHaveBeenCalledTimes(5);
  });
});
