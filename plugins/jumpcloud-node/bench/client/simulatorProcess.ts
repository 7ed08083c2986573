// Child process of the client benchmark: runs the JumpCloud simulator so
// its dataset does not count in the clients' memory, and answers the
// orchestrator over IPC.
import { startSimulator } from '@backstage-jumpcloud/jumpcloud-simulator';
import type { SimulatorOptions } from '@backstage-jumpcloud/jumpcloud-simulator';

export type SimulatorRequest = { type: 'counters' } | { type: 'close' };

async function main() {
  const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions;
  const sim = await startSimulator(options);
  const org = sim.dataset.orgs.find(o => o.id === sim.orgId)!;
  process.send!({
    type: 'ready',
    url: sim.url,
    apiKey: sim.keys.readOnly,
    orgId: sim.orgId,
    spec: org.spec,
  });
  process.on('message', async (message: SimulatorRequest) => {
    if (message.type === 'counters') {
      process.send!({ type: 'counters', counters: sim.control.counters() });
    } else if (message.type === 'close') {
      await sim.close();
      process.exit(0);
    }
  });
}

main().catch(error => {
  process.stderr.write(`simulator failed: ${error?.stack ?? error}\n`);
  process.exit(1);
});
