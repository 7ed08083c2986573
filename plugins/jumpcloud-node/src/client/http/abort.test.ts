import { getEventListeners } from 'node:events';
import { linkedSignal } from './abort';

describe('linkedSignal', () => {
  it('aborts with the reason of the first source that aborts', () => {
    const a = new AbortController();
    const b = new AbortController();
    const link = linkedSignal([a.signal, undefined, b.signal]);
    expect(link.signal.aborted).toBe(false);
    b.abort('stop');
    expect(link.signal.aborted).toBe(true);
    expect(link.signal.reason).toBe('stop');
    expect(link.timedOut()).toBe(false);
    // Aborting detached it from every source.
    expect(getEventListeners(a.signal, 'abort')).toHaveLength(0);
  });

  it('starts aborted when a source already is', () => {
    const a = new AbortController();
    a.abort('gone');
    const link = linkedSignal([a.signal], 60_000);
    expect(link.signal.aborted).toBe(true);
    expect(link.signal.reason).toBe('gone');
    expect(link.timedOut()).toBe(false);
  });

  it('aborts with a TimeoutError once its time has passed', async () => {
    const link = linkedSignal([new AbortController().signal], 20);
    await new Promise(resolve =>
      link.signal.addEventListener('abort', resolve),
    );
    expect(link.timedOut()).toBe(true);
    expect((link.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('once released, leaves no listener on its sources and never aborts', async () => {
    const source = new AbortController();
    const link = linkedSignal([source.signal], 20);
    expect(getEventListeners(source.signal, 'abort')).toHaveLength(1);
    link.release();
    expect(getEventListeners(source.signal, 'abort')).toHaveLength(0);
    await new Promise(resolve => setTimeout(resolve, 60));
    source.abort();
    expect(link.signal.aborted).toBe(false);
    expect(link.timedOut()).toBe(false);
  });
});
