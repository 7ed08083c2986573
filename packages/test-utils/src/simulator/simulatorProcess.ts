// The simulator as a child process of a benchmark (started by
// forkSimulator): it runs apart so that its dataset does not count in the
// memory of what is measured, and answers its parent over IPC.
import { startSimulator } from '@backstage-jumpcloud/jumpcloud-simulator';
import type { SimulatorOptions } from '@backstage-jumpcloud/jumpcloud-simulator';
import type { SimulatorReady, SimulatorRequest } from './forkSimulator';

async function main() {
  const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions;
  const sim = await startSimulator(options);
  const org = sim.dataset.orgs.find(o => o.id === sim.orgId)!;
  const ready: SimulatorReady = {
    type: 'ready',
    url: sim.url,
    apiKey: sim.keys.readOnly,
    orgId: sim.orgId,
    spec: org.spec,
  };
  process.send!(ready);
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
