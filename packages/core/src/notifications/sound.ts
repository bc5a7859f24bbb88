import { ChatError } from '../errors';

/** Options of {@link playNotificationSound}. */
export interface NotificationSoundOptions {
  /** 0 to 1; 0.2 by default. */
  volume?: number;
  /** The context to play in; by default one shared context, created on first use. */
  audioContext?: AudioContext;
}

// Two short rising tones, ~150 ms in all: audible, not alarming, and no audio asset to ship.
const TONES = [880, 1320] as const;
const TONE_SECONDS = 0.075;
const FADE_SECONDS = 0.01;
// A context the autoplay policy keeps suspended never resumes without a user gesture; don't wait.
const RESUME_WAIT_MS = 200;

let shared: AudioContext | undefined;

type AudioContextConstructor = new () => AudioContext;

/**
 * Plays a short two-tone beep with WebAudio. Opt-in: call it from your `notification` event
 * listener. Resolves once the sound is scheduled, and resolves silently, never throwing, where
 * WebAudio is missing (Node, SSR) or where the browser's autoplay policy blocks it (no user
 * gesture on the page yet). Rejects only for an invalid `volume`.
 */
export async function playNotificationSound(options: NotificationSoundOptions = {}): Promise<void> {
  const volume = options.volume ?? 0.2;
  if (typeof volume !== 'number' || !(volume >= 0 && volume <= 1)) {
    throw new ChatError('INVALID', `volume must be a number from 0 to 1, got ${String(volume)}`);
  }
  try {
    const context = options.audioContext ?? sharedContext();
    if (!context || volume === 0) return;
    if (context.state !== 'running' && !(await resumed(context))) return;
    beep(context, volume);
  } catch {
    // Sound is a nicety: a browser quirk must never break the app.
  }
}

function sharedContext(): AudioContext | undefined {
  if (shared && shared.state !== 'closed') return shared;
  const scope = globalThis as {
    AudioContext?: AudioContextConstructor;
    webkitAudioContext?: AudioContextConstructor;
  };
  const Context = scope.AudioContext ?? scope.webkitAudioContext;
  shared = typeof Context === 'function' ? new Context() : undefined;
  return shared;
}

async function resumed(context: AudioContext): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      context.resume(),
      new Promise((resolve) => (timer = setTimeout(resolve, RESUME_WAIT_MS))),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
  return context.state === 'running';
}

function beep(context: AudioContext, volume: number): void {
  const start = context.currentTime;
  const end = start + TONES.length * TONE_SECONDS;
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.type = 'sine';
  TONES.forEach((frequency, i) =>
    oscillator.frequency.setValueAtTime(frequency, start + i * TONE_SECONDS),
  );
  gain.gain.setValueAtTime(0, start);
  gain.gain.linearRampToValueAtTime(volume, start + FADE_SECONDS);
  gain.gain.setValueAtTime(volume, end - FADE_SECONDS);
  gain.gain.linearRampToValueAtTime(0, end);
  oscillator.connect(gain);
  gain.connect(context.destination);
  oscillator.onended = () => {
    oscillator.disconnect();
    gain.disconnect();
  };
  oscillator.start(start);
  oscillator.stop(end);
}
