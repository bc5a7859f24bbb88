import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// A fake AudioContext recording what the beep schedules.
class FakeParam {
  calls: [string, number, number][] = [];
  setValueAtTime(value: number, time: number) {
    this.calls.push(['set', value, time]);
  }
  linearRampToValueAtTime(value: number, time: number) {
    this.calls.push(['ramp', value, time]);
  }
}
class FakeNode {
  connected: unknown[] = [];
  connect(node: unknown) {
    this.connected.push(node);
    return node;
  }
  disconnect() {
    this.connected = [];
  }
}
class FakeOscillator extends FakeNode {
  type = '';
  frequency = new FakeParam();
  started?: number;
  stopped?: number;
  onended: (() => void) | null = null;
  start(time: number) {
    this.started = time;
  }
  stop(time: number) {
    this.stopped = time;
  }
}
class FakeAudioContext {
  static created = 0;
  state: 'running' | 'suspended' | 'closed' = 'running';
  currentTime = 10;
  destination = new FakeNode();
  oscillators: FakeOscillator[] = [];
  gains: (FakeNode & { gain: FakeParam })[] = [];
  resume = vi.fn(async () => {});
  constructor() {
    FakeAudioContext.created++;
  }
  createOscillator() {
    const oscillator = new FakeOscillator();
    this.oscillators.push(oscillator);
    return oscillator;
  }
  createGain() {
    const gain = Object.assign(new FakeNode(), { gain: new FakeParam() });
    this.gains.push(gain);
    return gain;
  }
}

const asContext = (fake: FakeAudioContext) => fake as unknown as AudioContext;

async function load() {
  vi.resetModules();
  return (await import('./sound')).playNotificationSound;
}

describe('playNotificationSound', () => {
  beforeEach(() => {
    FakeAudioContext.created = 0;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('schedules a two-tone beep of about 150 ms at the given volume', async () => {
    const play = await load();
    const context = new FakeAudioContext();
    await play({ audioContext: asContext(context), volume: 0.5 });
    const [oscillator] = context.oscillators;
    expect(oscillator?.started).toBe(10);
    expect(oscillator?.stopped).toBeCloseTo(10.15);
    const tones = oscillator!.frequency.calls.map(([, hz]) => hz);
    expect(new Set(tones).size).toBe(2);
    expect(Math.max(...context.gains[0]!.gain.calls.map(([, value]) => value))).toBe(0.5);
    expect(context.gains[0]!.connected).toEqual([context.destination]);
    oscillator!.onended?.();
    expect(oscillator!.connected).toEqual([]);
  });

  it('creates one shared AudioContext lazily and reuses it', async () => {
    vi.stubGlobal('AudioContext', FakeAudioContext);
    const play = await load();
    expect(FakeAudioContext.created).toBe(0);
    await play();
    await play();
    expect(FakeAudioContext.created).toBe(1);
  });

  it('resolves without a sound where WebAudio is missing', async () => {
    vi.stubGlobal('AudioContext', undefined);
    const play = await load();
    await expect(play()).resolves.toBeUndefined();
  });

  it('resumes a suspended context before playing', async () => {
    const play = await load();
    const context = new FakeAudioContext();
    context.state = 'suspended';
    context.resume.mockImplementation(async () => {
      context.state = 'running';
    });
    await play({ audioContext: asContext(context) });
    expect(context.oscillators).toHaveLength(1);
  });

  it('resolves silently when the autoplay policy keeps the context suspended', async () => {
    vi.useFakeTimers();
    const play = await load();
    const context = new FakeAudioContext();
    context.state = 'suspended';
    context.resume.mockImplementation(() => new Promise(() => {}));
    const done = play({ audioContext: asContext(context) });
    await vi.advanceTimersByTimeAsync(200);
    await expect(done).resolves.toBeUndefined();
    expect(context.oscillators).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);

    context.resume.mockImplementation(() => Promise.reject(new Error('NotAllowedError')));
    await expect(play({ audioContext: asContext(context) })).resolves.toBeUndefined();
    expect(context.oscillators).toHaveLength(0);
  });

  it('never throws for a broken WebAudio implementation', async () => {
    const play = await load();
    const context = new FakeAudioContext();
    context.createOscillator = () => {
      throw new Error('broken');
    };
    await expect(play({ audioContext: asContext(context) })).resolves.toBeUndefined();
  });

  it('rejects an invalid volume with a ChatError, and plays nothing at 0', async () => {
    const play = await load();
    const context = new FakeAudioContext();
    // A fresh module graph per test: its ChatError is another class, so match by name.
    await expect(play({ audioContext: asContext(context), volume: 2 })).rejects.toMatchObject({
      name: 'ChatError',
      code: 'INVALID',
    });
    await expect(play({ audioContext: asContext(context), volume: NaN })).rejects.toThrow(/volume/);
    await play({ audioContext: asContext(context), volume: 0 });
    expect(context.oscillators).toHaveLength(0);
  });
});
