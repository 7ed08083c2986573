import { policiesSpec, policyStatusesSpec } from '../client/collections';
import type { JcPolicyResult } from '../types';
import { readAll, readInto, SnapshotContext } from './context';

/**
 * Policies, then each policy's statuses (one collection per policy), into
 * the snapshot or to their sink.
 */
export async function readPolicies(context: SnapshotContext): Promise<void> {
  const { ledger, snapshot, sinks, fanOut } = context;
  const { failures } = ledger;
  await ledger.guard(['policies', 'policyStatuses'], async () => {
    snapshot.policies = await readAll(context, 'policies', policiesSpec());
  });
  if (failures.policies || ledger.fatal) return;
  const perPolicy = new Array<JcPolicyResult[]>(snapshot.policies.length);
  await Promise.all(
    snapshot.policies.map((policy, index) =>
      fanOut(() =>
        ledger.guard(['policyStatuses'], async () => {
          if (ledger.fatal || failures.policyStatuses) return;
          const spec = policyStatusesSpec(policy.id);
          const sink = sinks.policyStatuses;
          if (!sink) {
            perPolicy[index] = await readAll(
              context,
              'policyStatuses',
              spec,
              true,
            );
            return;
          }
          const rows = await readInto(context, 'policyStatuses', spec, sink);
          ledger.addStreamed('policyStatuses', rows);
        }),
      ),
    ),
  );
  snapshot.policyStatuses = perPolicy.flat().filter(Boolean);
}
