// Child process of the sync benchmark: the simulator runs apart so its
// dataset does not count in the backend's memory.
import { startSimulator } from '@backstage-jumpcloud/jumpcloud-simulator';
import type { SimulatorOptions } from '@backstage-jumpcloud/jumpcloud-simulator';

async function main() {
  const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions;
  const sim = await startSimulator(options);
  process.send!({ type: 'ready', url: sim.url, apiKey: sim.keys.readOnly });
  process.on('message', async (message: { type: string }) => {
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
