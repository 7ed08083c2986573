import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';

export interface LiveRefreshOptions {
  /**
   * How often to refetch when the app has no signals plugin; without it the
   * view refreshes only when it is told to.
   */
  fallbackPollMs?: number;
  /** Polls (and watches for silence) only while this holds (e.g. while something runs). */
  pollWhile?: boolean;
  /**
   * With signals: refetch when none came for this long. Signals sent while
   * the browser's signal connection was down (it connects lazily, and
   * reconnects after seconds) are lost; a view that expects a steady flow
   * (a running sync's progress) must not wait for them forever.
   */
  refetchAfterSilenceMs?: number;
}

/**
 * Keeps a view current: refetches whenever the backend signals on `channel`
 * (the message only says that something changed; the refetch goes through
 * the REST API, which checks permissions). Apps without the signals plugin
 * get polling instead. Returns whether the view is live (signals), so a view
 * can catch up on what happened before it subscribed.
 */
export function useLiveRefresh(
  channel: string,
  refetch: () => unknown,
  options: LiveRefreshOptions = {},
): { live: boolean } {
  const { fallbackPollMs, pollWhile = true, refetchAfterSilenceMs } = options;
  const { lastSignal, isSignalsAvailable } = useSignal(channel);
  // The latest refetch, without restarting the subscription or the timer.
  const latestRefetch = useRef(refetch);
  latestRefetch.current = refetch;

  useEffect(() => {
    if (lastSignal) latestRefetch.current();
  }, [lastSignal]);

  useEffect(() => {
    if (isSignalsAvailable || !fallbackPollMs || !pollWhile) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    // The next poll waits for this one: a slow backend is not piled on.
    const poll = async () => {
      try {
        await latestRefetch.current();
      } catch {
        // The view shows its own errors; polling goes on.
      }
      if (!stopped) timer = setTimeout(poll, fallbackPollMs);
    };
    timer = setTimeout(poll, fallbackPollMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [isSignalsAvailable, fallbackPollMs, pollWhile]);

  useEffect(() => {
    if (!isSignalsAvailable || !refetchAfterSilenceMs || !pollWhile)
      return undefined;
    // Restarts with every signal, so it only fires in silence.
    const timer = setInterval(
      () => latestRefetch.current(),
      refetchAfterSilenceMs,
    );
    return () => clearInterval(timer);
  }, [isSignalsAvailable, refetchAfterSilenceMs, pollWhile, lastSignal]);

  return { live: isSignalsAvailable };
}
