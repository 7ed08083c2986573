import { mockServices } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { resolve as resolvePath } from 'node:path';
import { defaultCheckThresholds, type CheckThresholds } from '../../checks';
import { healthySnapshot, NOW } from '../../checks/__fixtures__/snapshot';
import { findingsKit, type FindingsKit } from './findingsKit';
import type { CompleteRunContext } from '../types';

export const migrationsDir = resolvePath(__dirname, '../../../migrations');

/** Migrates a test database with the package's migrations (core and checks). */
export async function migrated(knex: Knex): Promise<Knex> {
  await knex.migrate.latest({ directory: migrationsDir });
  return knex;
}

/** A clock the test moves by hand. */
export function manualClock(start = NOW) {
  let current = DateTime.fromISO(start, { zone: 'utc' });
  const clock = () => current;
  clock.set = (iso: string) => {
    current = DateTime.fromISO(iso, { zone: 'utc' });
  };
  clock.advance = (days: number) => {
    current = current.plus({ days });
  };
  return clock;
}

export function createService(
  knex: Knex,
  clock: ReturnType<typeof manualClock>,
  thresholds: Partial<CheckThresholds> = {},
) {
  return findingsKit(knex, {
    logger: mockServices.logger.mock(),
    thresholds: { ...defaultCheckThresholds, ...thresholds },
    clock,
  });
}

let runCounter = 0;

/** A complete run of connection c1 finishing at the clock's time. */
export function runContext(
  clock: ReturnType<typeof manualClock>,
  mutate?: (s: ReturnType<typeof healthySnapshot>) => void,
): CompleteRunContext {
  const snapshot = healthySnapshot();
  snapshot.fetchedAt = clock().toISO()!;
  mutate?.(snapshot);
  runCounter++;
  return {
    connectionId: 'c1',
    connectionName: 'acme-production',
    orgId: 'org1',
    runId: `run-${runCounter}-${Math.random().toString(36).slice(2, 8)}`,
    startedAt: clock().minus({ minutes: 2 }).toISO()!,
    finishedAt: clock().toISO()!,
    snapshot,
    counts: { systems: snapshot.systems.length, users: snapshot.users.length },
  };
}

/** Evaluates and seals a run, like the sync engine does for complete runs. */
export async function sealRun(service: FindingsKit, ctx: CompleteRunContext) {
  const evaluation = await service.evaluate(ctx);
  return { evaluation, manifest: await service.seal(ctx, evaluation) };
}

/** Inserts the connection row the routes check for (core table). */
export async function insertConnection(
  knex: Knex,
  id = 'c1',
  name = 'acme-production',
) {
  await knex('jc_connections').insert({
    id,
    name,
    region: 'us',
    api_url: 'https://console.jumpcloud.com',
    api_key_encrypted: 'x',
    api_key_last4: 'abcd',
    sync_frequency: '"off"',
    created_at: NOW,
    updated_at: NOW,
  });
}
