/**
 * Sends at most one value per key per interval: the first at once, later
 * ones (only the latest kept) when the interval has passed; `finish` sends
 * its value at once and forgets the key, so the last word is never late or
 * lost.
 */
export class LatestPerKeyThrottle<T> {
  readonly #slots = new Map<
    string,
    { sentAt: number; pending?: T; timer?: NodeJS.Timeout }
  >();

  constructor(
    private readonly intervalMs: number,
    private readonly send: (value: T) => void,
  ) {}

  offer(key: string, value: T): void {
    const now = Date.now();
    const slot = this.#slots.get(key);
    if (!slot || now - slot.sentAt >= this.intervalMs) {
      if (slot?.timer) clearTimeout(slot.timer);
      this.#slots.set(key, { sentAt: now });
      this.send(value);
      return;
    }
    slot.pending = value;
    if (slot.timer) return;
    slot.timer = setTimeout(() => {
      const pending = slot.pending as T;
      this.#slots.set(key, { sentAt: Date.now() });
      this.send(pending);
    }, slot.sentAt + this.intervalMs - now);
    // A waiting progress update must not keep the process alive.
    slot.timer.unref?.();
  }

  finish(key: string, value: T): void {
    const slot = this.#slots.get(key);
    if (slot?.timer) clearTimeout(slot.timer);
    this.#slots.delete(key);
    this.send(value);
  }
}
