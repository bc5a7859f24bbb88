import { describe, expect, it } from 'vitest';
import { BackTracker } from './back-tracker';

describe('BackTracker', () => {
  it('records each time once and resolves when every client is back', async () => {
    let now = 100;
    const tracker = new BackTracker(2, () => now);
    tracker.connected(0);
    now = 150;
    tracker.connected(0);
    tracker.back(0);
    const all = tracker.allBack(60_000);
    now = 200;
    tracker.back(1);
    await all;
    expect(tracker.connectedAt).toEqual([100, 200]);
    expect(tracker.backAt).toEqual([150, 200]);
    expect(tracker.remaining).toBe(0);
  });

  it('resolves at the deadline when someone stays behind', async () => {
    const tracker = new BackTracker(1);
    await tracker.allBack(Date.now() + 5);
    expect(tracker.backAt).toEqual([null]);
  });
});
