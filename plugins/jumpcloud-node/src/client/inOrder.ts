/**
 * Runs `count` reads, at most `prefetch` at once, and yields their results
 * in order: the next read starts as soon as one is taken, before it is
 * handed on. A read that fails is thrown where it is due.
 */
export async function* inOrder<R>(
  count: number,
  read: (index: number) => Promise<R>,
  prefetch: number,
): AsyncGenerator<R, void> {
  const inFlight: Array<Promise<R>> = [];
  let next = 0;
  const launch = () => {
    while (next < count && inFlight.length < prefetch) {
      const promise = read(next);
      promise.catch(() => undefined); // awaited below, in order
      inFlight.push(promise);
      next += 1;
    }
  };
  launch();
  while (inFlight.length > 0) {
    const result = await inFlight.shift()!;
    launch();
    yield result;
  }
}
