/**
 * `npm run test:browser`: the core entry in a real browser, as users get it. Packs the package,
 * installs the tarball into a temporary app, bundles browser/page.ts there for the browser
 * (failing if anything Node-only or wavefile gets in) and prints its size; then starts the simulator with an ephemeral-style
 * key so auth is checked, serves the page and opens it in headless Chromium. The page connects
 * with the browser's own WebSocket, the key in a subprotocol, and assembles one text response.
 * Then the Angular example, built with its own CLI and spoken to through a fake microphone
 * (browser/angular.ts). Exits 0 when both passed their checks, 1 otherwise.
 */
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { redactSecrets } from 'rx-realtime';
import { defaultScript, startSimulator, type RunningSimulator } from 'rx-realtime/node';
import { installPackedApp, packPackage, tempDir } from '../scripts/packed-app.js';
import { runAngularApp } from './angular.js';
import { bundleForBrowser, type BrowserBundle } from './bundle.js';
import { recordHandshakes } from './handshakes.js';
import type { PageResult } from './result.js';
import { serveFiles, type StaticServer } from './static-server.js';
import { runWebRtcPage } from './webrtc.js';

const KEY = 'ek_browser_test_key';
const QUESTION = 'Can a browser talk to the Realtime API?';
const RESULT_TIMEOUT_MS = 30_000;

const started = performance.now();
const log = (line: string): void => {
  const seconds = ((performance.now() - started) / 1000).toFixed(2).padStart(6);
  process.stdout.write(`${seconds}s  ${line}\n`);
};

/** Collects failed expectations instead of stopping at the first. */
function check(failures: string[], ok: boolean, what: string): void {
  if (!ok) failures.push(what);
}

/** The page bundled in a temporary app that installed the packed tarball. */
async function bundleFromTarball(
  tarball: string,
): Promise<{ page: BrowserBundle; webrtc: BrowserBundle }> {
  const work = tempDir('browser');
  try {
    const app = installPackedApp({ tarball, dir: join(work, 'app') });
    log(`installed the packed tarball in ${app}`);
    for (const file of ['page.ts', 'result.ts', 'webrtc-page.ts', 'webrtc-result.ts'])
      copyFileSync(join(__dirname, file), join(app, file));
    return {
      page: await bundleForBrowser(join(app, 'page.ts'), app),
      webrtc: await bundleForBrowser(join(app, 'webrtc-page.ts'), app),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

async function main(tarball: string): Promise<string[]> {
  const bundles = await bundleFromTarball(tarball);
  const bundle = bundles.page;
  log(
    `bundle of realtimeSocket + assembleResponses from the tarball: ${kb(bundle.bytes)} minified (${bundle.bytes} bytes), ` +
      `${kb(bundle.gzipBytes)} gzipped (${bundle.gzipBytes}), ${bundle.inputs} modules, no Node built-ins, no wavefile`,
  );

  let simulator: RunningSimulator | undefined;
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  try {
    simulator = await startSimulator({ port: 0, apiKey: KEY, pace: 'fast' });
    server = await serveFiles({
      '/': {
        contentType: 'text/html; charset=utf-8',
        body: readFileSync(join(__dirname, 'index.html'), 'utf8'),
      },
      '/page.js': { contentType: 'text/javascript; charset=utf-8', body: bundle.code },
    });
    log(`simulator on ${simulator.url}, page on ${server.origin}`);

    browser = await launchChromium();
    log(`browser: Chromium ${browser.version()}`);
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      const text = redactSecrets(message.text(), [KEY]);
      // Chromium logs the refused upgrade of the wrong-key check, which the page expects.
      const expected = /HTTP Authentication failed/.test(text) ? ' (expected: wrong key)' : '';
      log(`page console ${message.type()}: ${text}${expected}`);
    });
    const handshakes = await recordHandshakes(page);

    const query = new URLSearchParams({ url: simulator.url, key: KEY, question: QUESTION });
    await page.goto(`${server.origin}/?${query.toString()}`);
    await page.waitForFunction(() => window.rxRealtimeResult !== undefined, undefined, {
      timeout: RESULT_TIMEOUT_MS,
    });
    const result = (await page.evaluate(() => window.rxRealtimeResult)) as PageResult;

    const status = await page.locator('#status').textContent();
    const expected = defaultScript({ conversation: [], tools: [], lastUserText: QUESTION }).text;
    for (const h of handshakes)
      log(`handshake ${h.status ?? 'refused'}: ${redactSecrets(h.offered, [KEY])}`);
    log(`response: ${result.response?.status ?? 'none'} in ${result.elapsedMs} ms`);
    log(`text: ${result.response?.text ?? result.error ?? ''}`);
    log(`wrong ek_ key: ${result.wrongKey}; standard sk- key: ${result.standardKey}`);

    const failures: string[] = [];
    check(failures, pageErrors.length === 0, `uncaught page errors: ${pageErrors.join('; ')}`);
    check(failures, result.error === undefined, `the exchange failed: ${result.error}`);
    check(failures, result.response?.status === 'completed', 'the response did not complete');
    check(failures, result.response?.text === expected, `expected the text ${expected}`);
    check(failures, status === 'done', `the page shows status ${status}`);
    check(
      failures,
      handshakes.some(
        (h) => h.status === 101 && h.offered === `realtime, openai-insecure-api-key.${KEY}`,
      ),
      'no upgraded handshake offered the key as a subprotocol',
    );
    check(
      failures,
      handshakes.some((h) => h.status === undefined && h.offered.endsWith(`${KEY}-wrong`)),
      'no handshake with the wrong key was refused',
    );
    check(failures, result.wrongKey === 'connection_failed', 'a wrong key was not refused');
    check(
      failures,
      !handshakes.some((h) => h.offered.includes('sk-')),
      'a standard key reached the network',
    );
    check(
      failures,
      result.standardKey === 'browser_key_refused',
      'a standard key was not refused in the browser',
    );
    await browser.close();
    browser = undefined;
    log(
      `WebRTC page bundle: ${kb(bundles.webrtc.bytes)} minified, ${kb(bundles.webrtc.gzipBytes)} gzipped`,
    );
    return [...failures, ...(await runWebRtcPage(bundles.webrtc.code, log))];
  } finally {
    await browser?.close();
    await server?.close();
    await simulator?.close();
  }
}

/** The core entry's page, then the Angular example (browser/angular.ts), from one tarball. */
async function all(): Promise<string[]> {
  const work = tempDir('pack');
  try {
    const tarball = packPackage(work);
    const failures = await main(tarball);
    return [...failures, ...(await runAngularApp(tarball, log))];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

all().then(
  (failures) => {
    if (failures.length > 0) {
      for (const failure of failures) console.error(`FAIL: ${failure}`);
      process.exit(1);
    }
    log('ok: the core entry, its WebRTC transport and the Angular example work in Chromium');
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`FAIL: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
