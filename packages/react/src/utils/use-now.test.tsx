import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activeClockCount, useNow } from './use-now';

function Clock({ label }: { label: string }) {
  const now = useNow();
  return (
    <p>
      {label} {now}
    </p>
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('useNow', () => {
  it('runs one interval for any number of subscribers, and none without them', () => {
    const setInterval = vi.spyOn(globalThis, 'setInterval');
    expect(activeClockCount()).toBe(0);
    const { unmount } = render(
      <>
        {Array.from({ length: 50 }, (_, i) => (
          <Clock key={i} label={`c${i}`} />
        ))}
      </>,
    );
    expect(activeClockCount()).toBe(1);
    expect(setInterval.mock.calls.filter(([, ms]) => ms === 30_000)).toHaveLength(1);
    unmount();
    expect(activeClockCount()).toBe(0);
    setInterval.mockRestore();
  });

  it('moves every subscriber forward together on each tick', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(new Date('2026-12-05T10:00:00.000Z'));
    const start = Date.now();
    const { unmount } = render(
      <>
        <Clock label="a" />
        <Clock label="b" />
      </>,
    );
    expect(screen.getByText(`a ${start}`)).toBeVisible();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await screen.findByText(`a ${start + 30_000}`)).toBeVisible();
    expect(screen.getByText(`b ${start + 30_000}`)).toBeVisible();
    unmount();
  });
});
