/**
 * The Angular example (examples/angular-app) in headless Chromium, as a user builds it: its
 * dependencies installed with `npm ci` from its committed lock file, but with `rx-realtime`
 * from the packed tarball; built by the Angular CLI (`ng build`); served next to the simulator;
 * opened with Chromium's fake microphone playing the recorded question. The run clicks Talk and
 * checks that the page shows the live transcript and the assistant's state changing.
 * `npm run test:browser` runs it after the core entry's page (browser/run.ts).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { defaultScript, startSimulator, type RunningSimulator } from 'rx-realtime/node';
import { tempDir } from '../scripts/packed-app.js';
import { serveAngularApp, simulatorClientSecret } from './angular-server.js';
import { launchChromium } from './chromium.js';
import type { StaticServer } from './static-server.js';

const root = join(__dirname, '..');
const example = join(root, 'examples', 'angular-app');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// The server's real key: it mints the page's ek_ keys and never reaches the page.
const API_KEY = 'sk-angular-app-server-only';
const QUESTION_WAV = join(root, 'examples', 'voice-agent', 'audio', 'question.wav');
const SCREENSHOT = join(root, 'out', 'angular-app.png');
const TURN_TIMEOUT_MS = 30_000;

/** What the example needs to build; not its node_modules, build output or caches. */
const BUILD_INPUTS = [
  'package.json',
  'package-lock.json',
  '.npmrc',
  'angular.json',
  'tsconfig.json',
  'tsconfig.app.json',
  'src',
];

interface Manifest {
  dependencies: Record<string, string>;
}
interface LockFile {
  packages: Record<
    string,
    { dependencies?: Record<string, string>; resolved?: string; integrity?: string }
  >;
}

/**
 * A copy of the example whose `rx-realtime` is `tarball`: in package.json and in the lock file,
 * so `npm ci` installs exactly the lock's tree with the packed library in it. The lock gets no
 * integrity for the tarball, which is rebuilt every run.
 */
function copyExample(dir: string, tarball: string): string {
  mkdirSync(dir, { recursive: true });
  for (const input of BUILD_INPUTS)
    cpSync(join(example, input), join(dir, input), { recursive: true });
  const spec = `file:${tarball}`;
  const manifestPath = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  manifest.dependencies['rx-realtime'] = spec;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  const lockPath = join(dir, 'package-lock.json');
  const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as LockFile;
  const own = lock.packages[''].dependencies;
  const installed = lock.packages['node_modules/rx-realtime'];
  if (!own || !installed)
    throw new Error('examples/angular-app/package-lock.json has no rx-realtime');
  own['rx-realtime'] = spec;
  installed.resolved = spec;
  delete installed.integrity;
  writeFileSync(lockPath, JSON.stringify(lock, null, 2));
  return dir;
}

/** Runs a command in `cwd`, and returns how long it took in seconds. */
function timed(command: string, args: readonly string[], cwd: string): number {
  const started = performance.now();
  execFileSync(command, args, {
    cwd,
    stdio: 'pipe',
    env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  });
  return (performance.now() - started) / 1000;
}

/**
 * Records every text the element at `shown` takes (once per change) as the page updates
 * `watched`, from the moment it is called (not the text it has then); returns a reader.
 */
async function recordTexts(
  page: Page,
  watched: string,
  shown: string,
): Promise<() => Promise<string[]>> {
  const key = `texts of ${shown}`;
  await page.evaluate(
    ({ watched, shown, key }) => {
      const root = document.querySelector(watched);
      if (!root) throw new Error(`the page has no ${watched}`);
      const texts: string[] = [];
      // No named helper in here: the runner's transpiler would wrap it in a `__name` call,
      // which does not exist in the page.
      new MutationObserver(() => {
        const text = document.querySelector(shown)?.textContent?.trim() ?? '';
        if (text !== '' && texts.at(-1) !== text) texts.push(text);
      }).observe(root, { childList: true, characterData: true, subtree: true });
      (window as unknown as Record<string, string[]>)[key] = texts;
    },
    { watched, shown, key },
  );
  return () => page.evaluate((key) => (window as unknown as Record<string, string[]>)[key], key);
}

/** The page's transcript lines, as `role: text`. */
const transcriptOf = (page: Page): Promise<string[]> =>
  page
    .locator('#transcript li:not(.hint)')
    .evaluateAll((lines) =>
      lines.map((li) => `${li.classList[0]}: ${li.querySelector('.text')?.textContent ?? ''}`),
    );

/**
 * Installs (with `tarball` from `packPackage`), builds, serves and drives the Angular example;
 * returns the failed checks.
 *
 * @example
 * ```ts
 * const failures = await runAngularApp(packPackage(tempDir('pack')), (line) => console.log(line));
 * ```
 */
export async function runAngularApp(
  tarball: string,
  log: (line: string) => void,
): Promise<string[]> {
  const work = tempDir('angular');
  let simulator: RunningSimulator | undefined;
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  try {
    const app = copyExample(join(work, 'app'), tarball);
    log(
      `angular: npm ci in ${app}: ${timed(npm, ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], app).toFixed(1)} s`,
    );
    const ng = join(app, 'node_modules', '@angular', 'cli', 'bin', 'ng.js');
    log(`angular: ng build: ${timed(process.execPath, [ng, 'build'], app).toFixed(1)} s`);

    simulator = await startSimulator({ port: 0, apiKey: API_KEY, pace: 'fast' });
    server = await serveAngularApp({
      browserDir: join(app, 'dist', 'browser'),
      simulator,
      mintClientSecret: simulatorClientSecret(simulator, API_KEY),
    });
    log(`angular: simulator on ${simulator.url}, app on ${server.origin}`);

    browser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${QUESTION_WAV}%noloop`,
    ]);
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        log(`angular: page console ${message.type()}: ${message.text()}`);
    });
    await page.goto(server.origin);
    await page.locator('#talk').waitFor();
    const phases = await recordTexts(page, '#assistant', '#assistant');
    const answers = await recordTexts(page, '#transcript', '#transcript li.assistant .text');
    await page.locator('#talk').click();

    // The turn is over when the assistant's line is final and the assistant is idle again.
    const failures: string[] = [];
    try {
      await page.waitForFunction(
        () =>
          document.querySelector('#transcript li.assistant:not(.partial)') !== null &&
          document.getElementById('assistant')?.textContent?.trim() === 'idle',
        undefined,
        { timeout: TURN_TIMEOUT_MS },
      );
    } catch {
      failures.push(`no finished answer within ${TURN_TIMEOUT_MS} ms`);
    }
    mkdirSync(join(root, 'out'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const seen = await phases();
    const answerTexts = await answers();
    const speaker = await page
      .locator('audio')
      .evaluate((audio: HTMLAudioElement) =>
        audio.srcObject instanceof MediaStream ? audio.srcObject.getAudioTracks().length : 0,
      );
    const lines = await transcriptOf(page);
    const error = await page
      .locator('#error')
      .textContent({ timeout: 100 })
      .catch(() => null);
    log(`angular: assistant states shown: ${seen.join(' -> ')}`);
    log(
      `angular: the answer was shown in ${answerTexts.length} steps; <audio> has ${speaker} track(s)`,
    );
    for (const line of lines) log(`angular: transcript ${line}`);
    log(`angular: screenshot ${SCREENSHOT}`);

    const userText = lines.find((l) => l.startsWith('user: '))?.slice('user: '.length) ?? '';
    const answer = defaultScript({ conversation: [], tools: [], lastUserText: userText }).text;
    const ordered = ['listening', 'thinking', 'speaking', 'idle'];
    const order = ordered.map((phase) => seen.indexOf(phase));
    if (pageErrors.length > 0) failures.push(`uncaught page errors: ${pageErrors.join('; ')}`);
    if (error) failures.push(`the page shows an error: ${error}`);
    if (userText === '') failures.push('the transcript shows no user line');
    if (!lines.includes(`assistant: ${answer}`))
      failures.push(`the transcript lacks the answer ${answer}`);
    if (answerTexts.length < 3 || answerTexts.at(-1) !== answer)
      failures.push(`the answer did not grow word by word: ${JSON.stringify(answerTexts)}`);
    if (speaker === 0) failures.push('the <audio> element got no stream with an audio track');
    if (order.some((at, i) => at === -1 || (i > 0 && at < order[i - 1])))
      failures.push(
        `the assistant's state did not go ${ordered.join(' -> ')}: ${seen.join(' -> ')}`,
      );
    return failures;
  } finally {
    await browser?.close();
    await server?.close();
    await simulator?.close();
    rmSync(work, { recursive: true, force: true });
  }
}
