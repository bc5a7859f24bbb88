// Headless Chromium as these machines run it: the system's build (never a downloaded one) with
// the flags DESIGN.md lists, as every browser test of the workspace launches it.
import { type Browser, chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../../../vitest.shared.ts';

export function launchChromium(timeoutMs: number): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
    timeout: timeoutMs,
  });
}
