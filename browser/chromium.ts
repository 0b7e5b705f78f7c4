import { createRequire } from 'node:module';
import { chromium, type Browser } from 'playwright-core';

// Without the background-networking flags Chromium phones home, and a closed network refuses it.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const { findChromium } = createRequire(__filename)('../scripts/ensure-chromium.cjs') as {
  readonly findChromium: () => string | undefined;
};

/**
 * Headless Chromium from this machine (`node scripts/ensure-chromium.cjs` installs it).
 *
 * @example
 * ```ts
 * const browser = await launchChromium();
 * console.log(browser.version());
 * await browser.close();
 * ```
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found: run `node scripts/ensure-chromium.cjs`');
  const args = [...CHROMIUM_ARGS, ...extraArgs];
  return chromium.launch({ executablePath, args, timeout: 60_000 });
}
