import { LatestPerKeyThrottle } from './LatestPerKeyThrottle';

describe('LatestPerKeyThrottle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function setup() {
    const sent: string[] = [];
    const throttle = new LatestPerKeyThrottle<string>(1000, v => sent.push(v));
    return { sent, throttle };
  }

  it('sends the first value at once and only the latest of a burst a second later', () => {
    const { sent, throttle } = setup();
    throttle.offer('run-1', 'a');
    throttle.offer('run-1', 'b');
    throttle.offer('run-1', 'c');
    expect(sent).toEqual(['a']);
    jest.advanceTimersByTime(999);
    expect(sent).toEqual(['a']);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual(['a', 'c']);
    // The trailing send starts a new interval.
    throttle.offer('run-1', 'd');
    expect(sent).toEqual(['a', 'c']);
    jest.advanceTimersByTime(1000);
    expect(sent).toEqual(['a', 'c', 'd']);
  });

  it('throttles each key on its own', () => {
    const { sent, throttle } = setup();
    throttle.offer('run-1', '1a');
    throttle.offer('run-2', '2a');
    throttle.offer('run-1', '1b');
    expect(sent).toEqual(['1a', '2a']);
  });

  it('sends the final value at once and drops the waiting one', () => {
    const { sent, throttle } = setup();
    throttle.offer('run-1', 'a');
    throttle.offer('run-1', 'b');
    throttle.finish('run-1', 'done');
    expect(sent).toEqual(['a', 'done']);
    jest.advanceTimersByTime(5000);
    expect(sent).toEqual(['a', 'done']);
    // A finished key starts afresh.
    throttle.offer('run-1', 'again');
    expect(sent).toEqual(['a', 'done', 'again']);
  });
});
