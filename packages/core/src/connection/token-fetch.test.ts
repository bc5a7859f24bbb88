import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fetchToken } from './token-fetch';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('fetchToken', () => {
  it('resolves the token and drops its deadline timer at once', async () => {
    const { token } = fetchToken(async () => 'jwt', 1000);
    await expect(token).resolves.toBe('jwt');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('drops the timer when getToken fails', async () => {
    const { token } = fetchToken(() => {
      throw new Error('down');
    }, 1000);
    await expect(token).rejects.toThrow('down');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects an empty or non-string token', async () => {
    await expect(fetchToken(() => '', 1000).token).rejects.toThrow(/non-empty string/);
    await expect(fetchToken(() => 42 as never, 1000).token).rejects.toThrow(/non-empty string/);
  });

  it('rejects after the deadline when getToken hangs', async () => {
    const { token } = fetchToken(() => new Promise<string>(() => undefined), 1000);
    const outcome = token.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(999);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await outcome).toMatchObject({ message: 'no token within 1000 ms' });
  });

  it('cancel drops the timer of a hung call', () => {
    const { cancel } = fetchToken(() => new Promise<string>(() => undefined), 1000);
    cancel();
    expect(vi.getTimerCount()).toBe(0);
  });
});
