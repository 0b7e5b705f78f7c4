/**
 * The WebRTC part of `npm run test:browser`: Chromium's fake microphone speaks a WAV built at
 * run time from the committed question (question, long pause, question, short pause, question,
 * long pause: a full turn, then a reply talked over), the bundled page calls the simulator over
 * WebRTC with an `ek_` key minted from the simulator's client_secrets endpoint, and the runner
 * checks what the page saw.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav, encodeWav } from 'rx-realtime';
import { createClientSecret, startSimulator } from 'rx-realtime/node';
import { launchChromium } from './chromium.js';
import type { WebRtcPageResult } from './webrtc-result.js';
import { serveFiles } from './static-server.js';
import { tempDir } from '../scripts/packed-app.js';

/** The app server's real key: it mints the page's `ek_` key and never reaches the browser. */
const SERVER_KEY = 'sk-browser-webrtc-server-key';
const REPLY = 'It is sunny in Paris today.';
const RESULT_TIMEOUT_MS = 90_000;

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>rx-realtime over WebRTC</title>
    <link rel="icon" href="data:," />
    <script type="module" src="./webrtc.js"></script>
  </head>
  <body>
    <audio id="voice" autoplay></audio>
  </body>
</html>`;

/** The microphone's speech: the question three times, with pauses that make the turns. */
function microphoneWav(dir: string): string {
  const { samples, sampleRate } = decodeWav(
    readFileSync(join(__dirname, '../examples/voice-agent/audio/question.wav')),
  );
  const silence = (ms: number) => new Int16Array(Math.round((sampleRate * ms) / 1000));
  const parts = [samples, silence(8000), samples, silence(1000), samples, silence(8000)];
  const all = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  const path = join(dir, 'microphone.wav');
  writeFileSync(path, encodeWav(all, { sampleRate }));
  return path;
}

/** Runs the WebRTC page; the failed expectations, empty when it passed. */
export async function runWebRtcPage(
  bundle: string,
  log: (line: string) => void,
): Promise<string[]> {
  const dir = tempDir('webrtc');
  // Generated at speaking pace, as a live model does, so the talked-over reply is still in
  // progress and the barge-in cancels it.
  const simulator = await startSimulator({
    apiKey: SERVER_KEY,
    pace: 'realtime',
    script: () => ({ text: REPLY }),
  });
  const server = await serveFiles({
    '/': { contentType: 'text/html; charset=utf-8', body: PAGE },
    '/webrtc.js': { contentType: 'text/javascript; charset=utf-8', body: bundle },
  });
  const browser = await launchChromium([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${microphoneWav(dir)}`,
    '--autoplay-policy=no-user-gesture-required',
  ]);
  try {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        log(`webrtc page console ${message.type()}: ${message.text()}`);
    });
    // Minted as the app's server would: the page only ever sees the short-lived key.
    const minted = await createClientSecret({ apiKey: SERVER_KEY, baseUrl: simulator.httpUrl });
    if (minted._tag === 'Left') return [`webrtc: no key minted: ${minted.left.message}`];
    log(`webrtc: minted ${minted.right.value.slice(0, 3)}... (expires ${minted.right.expiresAt})`);
    const query = new URLSearchParams({ httpUrl: simulator.httpUrl, key: minted.right.value });
    await page.goto(`${server.origin}/?${query.toString()}`);
    await page.waitForFunction(() => window.rxRealtimeWebRtcResult !== undefined, undefined, {
      timeout: RESULT_TIMEOUT_MS,
    });
    const result = (await page.evaluate(() => window.rxRealtimeWebRtcResult)) as WebRtcPageResult;
    log(`webrtc call ${result.callId ?? 'none'}: responses ${result.statuses.join(', ')}`);
    log(`webrtc remote track level: ${result.maxLevel.toFixed(3)} RMS (max)`);
    log(`webrtc transcript: ${result.transcript ?? '(none)'}`);
    log(`webrtc interruptions: ${JSON.stringify(result.interruptions)}`);
    const failures: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) failures.push(`webrtc: ${what}`);
    };
    const has = (type: string) => result.events.includes(type);
    check(pageErrors.length === 0, `uncaught page errors: ${pageErrors.join('; ')}`);
    check(result.error === undefined, `the page failed: ${result.error}`);
    check(result.callId?.startsWith('rtc_') === true, 'no call id from the answer');
    check(has('input_audio_buffer.speech_started'), 'no speech detected on the microphone track');
    check(has('output_audio_buffer.started'), 'no output_audio_buffer.started');
    check(has('output_audio_buffer.stopped'), 'no output_audio_buffer.stopped');
    check(!has('response.output_audio.delta'), 'audio deltas arrived over WebRTC');
    check(result.maxLevel > 0.01, 'no audio energy on the remote track');
    check(
      result.transcript === REPLY && result.transcriptDone === REPLY,
      'transcript not assembled',
    );
    check(has('output_audio_buffer.cleared'), 'the barge-in did not clear the output buffer');
    check(result.statuses.includes('cancelled'), 'the barge-in did not cancel the response');
    check(result.interruptions[0]?.truncatedBy === 'server', 'no server-side truncation reported');
    check(!result.sent.includes('conversation.item.truncate'), 'the session sent a truncate');
    check(!result.sent.includes('input_audio_buffer.append'), 'the session sent audio events');
    return failures;
  } finally {
    await browser.close();
    await server.close();
    await simulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
