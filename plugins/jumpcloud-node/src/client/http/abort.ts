import { JumpCloudError } from '../JumpCloudError';

export function cancelledError(capability?: string): JumpCloudError {
  return new JumpCloudError('cancelled', 'The JumpCloud read was cancelled.', {
    capability,
  });
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

/**
 * What a read aborts its own signal with when it ends, abandoning its
 * requests still in flight: one shared reason, where `abort()` without one
 * builds a DOMException (and its stack) each time, once per collection
 * read (about 0.9 s of a large org's sync).
 */
export const READ_FINISHED = 'The read finished';

/** A signal linked to others for one piece of work (see `linkedSignal`). */
export interface LinkedSignal {
  signal: AbortSignal;
  /** Whether it aborted because its time ran out. */
  timedOut(): boolean;
  /** Detaches it from its sources and stops its timer: the work is over. */
  release(): void;
}

/**
 * One signal that aborts as soon as one of `signals` does or, with
 * `timeoutMs`, once that time has passed; released when the work is done.
 * Per request this replaces `AbortSignal.any` and `AbortSignal.timeout`:
 * Node keeps every signal `any` composes in its sources' sets of
 * dependants and walks a whole set each time one of them is collected,
 * and a timeout signal's timer runs on after its request (then aborts it,
 * building a DOMException). Over the thousands of requests a sync sends
 * under one run-long signal, that was about a tenth of the fetch's CPU.
 */
export function linkedSignal(
  signals: Array<AbortSignal | undefined>,
  timeoutMs?: number,
): LinkedSignal {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const links = signals
    .filter((s): s is AbortSignal => s !== undefined)
    .map(source => ({ source, onAbort: () => abort(source.reason) }));
  function release() {
    clearTimeout(timer);
    for (const { source, onAbort } of links)
      source.removeEventListener('abort', onAbort);
  }
  function abort(reason: unknown) {
    release();
    if (!controller.signal.aborted) controller.abort(reason);
  }
  for (const { source, onAbort } of links) {
    if (source.aborted) {
      abort(source.reason);
      break;
    }
    source.addEventListener('abort', onAbort, { once: true });
  }
  if (timeoutMs !== undefined && !controller.signal.aborted) {
    timer = setTimeout(() => {
      timedOut = true;
      abort(
        new DOMException(
          'The operation was aborted due to timeout',
          'TimeoutError',
        ),
      );
    }, timeoutMs);
  }
  return { signal: controller.signal, timedOut: () => timedOut, release };
}

/** Combines optional signals into one (undefined when none is given). */
export function anySignal(
  ...signals: Array<AbortSignal | undefined>
): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return AbortSignal.any(present);
}

/** Waits `ms`, rejecting with a `cancelled` error as soon as `signal` aborts. */
export function abortableDelay(
  ms: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (ms <= 0) {
    throwIfAborted(signal);
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError());
      return;
    }
    const timers: { id?: ReturnType<typeof setTimeout> } = {};
    const onAbort = () => {
      clearTimeout(timers.id);
      reject(cancelledError());
    };
    timers.id = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Settles with `promise`, or rejects with `cancelled` the moment `signal`
 * aborts, so a caller never waits out a backoff delay after cancelling.
 */
export function raceAbort<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(cancelledError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
