import type { SignalApi } from '@backstage/plugin-signals-react';

type Listener = (message: object) => void;

/**
 * A signal API whose messages the test sends (the real one needs the
 * signals backend's WebSocket): `emit` delivers to the channel's subscribers.
 */
export class FakeSignalApi implements SignalApi {
  readonly #subscribers = new Map<string, Set<Listener>>();

  subscribe<TMessage>(channel: string, onMessage: (message: TMessage) => void) {
    const listeners = this.#subscribers.get(channel) ?? new Set();
    const listener = onMessage as Listener;
    listeners.add(listener);
    this.#subscribers.set(channel, listeners);
    return { unsubscribe: () => listeners.delete(listener) };
  }

  /** The channels someone listens to now. */
  channels(): string[] {
    return [...this.#subscribers]
      .filter(([, listeners]) => listeners.size > 0)
      .map(([channel]) => channel);
  }

  emit(channel: string, message: object): void {
    for (const listener of this.#subscribers.get(channel) ?? [])
      listener(message);
  }
}
