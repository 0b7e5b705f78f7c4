import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeWav } from '../../src/audio/index.js';
import { startSimulator, type RunningSimulator } from '../../src/node/simulator/index.js';
import { WebRtcTestClient } from './webrtc-client.js';

jest.setTimeout(60_000);

const { samples } = decodeWav(readFileSync(join(__dirname, '../fixtures/question.wav')));
const question = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);

let sim: RunningSimulator | undefined;
const clients: WebRtcTestClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await sim?.close();
  sim = undefined;
});

async function call(
  options: Parameters<typeof startSimulator>[0] = {},
  session?: Record<string, unknown>,
) {
  sim = await startSimulator({ apiKey: 'sk-sim', ...options });
  const answer = await WebRtcTestClient.offer(sim.httpUrl, { key: 'sk-sim', session });
  clients.push(answer.client);
  return answer;
}

describe('simulator WebRTC endpoint', () => {
  it('answers the offer with 201, an SDP answer and the call id in Location; session.created on the data channel', async () => {
    const { status, body, location, client } = await call();
    expect(status).toBe(201);
    expect(body).toMatch(/^v=0/);
    expect(location).toMatch(/^\/v1\/realtime\/calls\/rtc_[0-9A-Za-z]{21}$/);
    await client.untilCount('session.created', 1);
    client.send({
      type: 'session.update',
      session: { type: 'realtime', instructions: 'Be brief.' },
    });
    await client.untilCount('session.updated', 1);
    expect(client.frames[1]).toMatchObject({ session: { instructions: 'Be brief.' } });
    expect(client.decodeErrors).toEqual([]);
  });

  it('takes the session configuration from a multipart offer', async () => {
    const { status, client } = await call({}, { type: 'realtime', instructions: 'Speak French.' });
    expect(status).toBe(201);
    await client.untilCount('session.created', 1);
    expect(client.frames[0]).toMatchObject({ session: { instructions: 'Speak French.' } });
  });

  it('answers the CORS preflight of a page on another origin', async () => {
    sim = await startSimulator();
    const res = await fetch(`${sim.httpUrl}/realtime/calls`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });

  it('refuses a wrong key with 401 and a body that is not an SDP offer with 400', async () => {
    sim = await startSimulator({ apiKey: 'sk-sim' });
    const wrong = await WebRtcTestClient.offer(sim.httpUrl, { key: 'sk-other' });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({ error: { code: 'invalid_api_key' } });
    const res = await fetch(`${sim.httpUrl}/realtime/calls`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk-sim', 'Content-Type': 'application/sdp' },
      body: 'not an offer',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
  });

  it('hears the microphone, answers with an Opus track framed by output_audio_buffer events, and sends no audio deltas', async () => {
    const { client } = await call({ pace: 'fast' });
    await client.untilCount('session.created', 1);
    await client.speak(question);
    await client.untilCount('output_audio_buffer.stopped', 1, 20_000);
    const types = client.types();
    const order = [
      'input_audio_buffer.speech_started',
      'input_audio_buffer.speech_stopped',
      'input_audio_buffer.committed',
      'response.created',
      'output_audio_buffer.started',
      'response.done',
      'output_audio_buffer.stopped',
    ].map((type) => types.indexOf(type));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(types).not.toContain('response.output_audio.delta');
    expect(types).toContain('response.output_audio_transcript.delta');
    // The default reply speaks for a few seconds: 50 packets a second, most of them voiced.
    expect(client.rtpPackets).toBeGreaterThan(50);
    expect(client.loudFrames).toBeGreaterThan(25);
    expect(client.decodeErrors).toEqual([]);
  });

  it('on a barge-in cancels the response, clears its buffer and truncates the item itself', async () => {
    const { client } = await call({
      pace: 'realtime',
      script: () => ({ text: 'one two three four five six seven eight nine ten eleven twelve' }),
    });
    await client.untilCount('session.created', 1);
    await client.speak(question);
    await client.untilCount('output_audio_buffer.started', 1);
    await client.speak(question.subarray(0, 48 * 1500), 800);
    await client.untilCount('conversation.item.truncated', 1);
    const types = client.types();
    const second = types.lastIndexOf('input_audio_buffer.speech_started');
    expect(types.indexOf('output_audio_buffer.cleared')).toBeGreaterThan(second);
    expect(types.indexOf('conversation.item.truncated')).toBeGreaterThan(
      types.indexOf('output_audio_buffer.cleared'),
    );
    const done = client.frames.find((f) => f.type === 'response.done') as {
      response: { status: string };
    };
    expect(done.response.status).toBe('cancelled');
    const truncated = client.frames.find((f) => f.type === 'conversation.item.truncated') as {
      audio_end_ms: number;
    };
    // What was played before the second utterance was heard: more than nothing, less than the reply.
    expect(truncated.audio_end_ms).toBeGreaterThan(0);
    expect(truncated.audio_end_ms).toBeLessThan(12 * 400);
    expect(types).not.toContain('output_audio_buffer.stopped');
  });
});
