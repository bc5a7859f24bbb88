// Headless Chromium as these machines run it: the system's build (never a downloaded one) with
// the flags DESIGN.md lists.
import { type Browser, chromium } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export function launchChromium(timeoutMs: number): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [...CHROMIUM_ARGS],
    headless: true,
    timeout: timeoutMs,
  });
}
