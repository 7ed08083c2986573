/** Objects built or checked between two turns of the event loop. */
export const YIELD_EVERY = 500;

/**
 * Returns a function that, every `every` calls, waits for the event loop to
 * turn once: building tens of thousands of entities must not hold the
 * backend's timers and I/O (other requests, kept-alive sockets) for seconds.
 */
export function yieldEvery(every: number): () => Promise<void> {
  let count = 0;
  return async () => {
    count += 1;
    if (count % every === 0) {
      await new Promise(resolve => setImmediate(resolve));
    }
  };
}
