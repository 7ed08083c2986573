import type { startSimulator } from '@backstage-jumpcloud/jumpcloud-simulator';

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

/**
 * True when the simulator serves the per-user `/associations` route the
 * client reads bindings from; without it every sync is (rightly) partial.
 */
export async function servesUserAssociations(sim: Simulator): Promise<boolean> {
  const org = sim.dataset.orgs.find(o => o.id === sim.orgId)!;
  const response = await fetch(
    `${sim.url}/api/v2/users/${org.users[0]._id}/associations?targets=system`,
    { headers: { 'x-api-key': sim.keys.readOnly } },
  );
  return response.status === 200;
}
