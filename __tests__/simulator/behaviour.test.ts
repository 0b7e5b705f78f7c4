import WebSocket from 'ws';
import {
  startSimulator,
  toneAndSilence,
  type RunningSimulator,
} from '../../src/node/simulator/index';
import { TestClient } from './client';

let sim: RunningSimulator | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.close());
  await sim?.close();
  sim = undefined;
});

async function open(
  options: Parameters<typeof startSimulator>[0] = {},
  dialect: 'ga' | 'beta' = 'ga',
) {
  sim = await startSimulator({ pace: 'instant', ...options });
  const client = await TestClient.open(sim.url, dialect);
  clients.push(client);
  await client.untilCount('session.created', 1);
  return client;
}

const userText = (text: string) => ({
  type: 'message',
  role: 'user',
  content: [{ type: 'input_text', text }],
});

/** Half a second of silence, a second of "speech", a second of silence, in 100 ms appends. */
function speakOnce(c: TestClient): void {
  const audio = toneAndSilence([500, 1000, 1000]);
  for (let i = 0; i < audio.length; i += 4800)
    c.send({
      type: 'input_audio_buffer.append',
      audio: audio.subarray(i, i + 4800).toString('base64'),
    });
}

const errorOf = (c: TestClient) =>
  c.frames.filter((f) => f.type === 'error').map((f) => f.error as Record<string, unknown>);

describe('simulator behaviour over a plain ws client', () => {
  it('session.created has sess_ and event_ ids; session.update merges', async () => {
    const c = await open();
    const created = c.frames[0] as { event_id: string; session: { id: string } };
    expect(created.session.id).toMatch(/^sess_[0-9A-Za-z]{21}$/);
    expect(created.event_id).toMatch(/^event_[0-9A-Za-z]{21}$/);
    c.send({ type: 'session.update', session: { type: 'realtime', instructions: 'Be brief.' } });
    await c.untilCount('session.updated', 1);
    const session = c.frames[1].session as {
      instructions: string;
      audio: { output: { voice: string } };
    };
    expect(session.instructions).toBe('Be brief.');
    expect(session.audio.output.voice).toBe('marin');
    expect(c.decodeErrors).toEqual([]);
  });

  it.each([
    ['unknown_parameter', { type: 'response.create', event_id: 'e1', bogus: 1 }],
    ['invalid_value', { type: 'no.such.event', event_id: 'e1' }],
    ['response_cancel_not_active', { type: 'response.cancel', event_id: 'e1' }],
    ['input_audio_buffer_commit_empty', { type: 'input_audio_buffer.commit', event_id: 'e1' }],
    ['item_not_found', { type: 'conversation.item.delete', event_id: 'e1', item_id: 'item_x' }],
    ['item_not_found', { type: 'conversation.item.retrieve', event_id: 'e1', item_id: 'item_x' }],
  ])('%s error echoes the client event_id and keeps the socket open', async (code, event) => {
    const c = await open();
    c.send(event);
    await c.untilCount('error', 1);
    expect(errorOf(c)[0]).toMatchObject({ type: 'invalid_request_error', code, event_id: 'e1' });
    if (code === 'unknown_parameter') expect(errorOf(c)[0].param).toBe('bogus');
    c.send({ type: 'session.update', session: { type: 'realtime' } });
    await c.untilCount('session.updated', 1);
    expect(c.decodeErrors).toEqual([]);
  });

  it('conversation_already_has_active_response while a response runs', async () => {
    const c = await open({ pace: 'realtime' });
    c.send({ type: 'response.create' });
    c.send({ type: 'response.create', event_id: 'second' });
    await c.untilCount('error', 1);
    expect(errorOf(c)[0]).toMatchObject({
      code: 'conversation_already_has_active_response',
      event_id: 'second',
    });
    c.send({ type: 'response.cancel' });
    await c.untilCount('response.done', 1);
    const done = c.frames.find((f) => f.type === 'response.done')!.response as Record<
      string,
      unknown
    >;
    expect(done.status_details).toEqual({ type: 'cancelled', reason: 'client_cancelled' });
  });

  it('refuses a wrong key with HTTP 401 and accepts Bearer, api-key and subprotocol', async () => {
    sim = await startSimulator({ apiKey: 'sk-right', pace: 'instant' });
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(sim!.url, { headers: { Authorization: 'Bearer sk-wrong' } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(401);
    const variants: Record<string, string>[] = [
      { Authorization: 'Bearer sk-right' },
      { 'api-key': 'sk-right' },
    ];
    for (const headers of variants) {
      const c = await TestClient.open(sim.url, 'ga', headers);
      clients.push(c);
      await c.untilCount('session.created', 1);
    }
    const ws = new WebSocket(sim.url, [
      'realtime',
      'openai-insecure-api-key.sk-right',
      'openai-beta.realtime-v1',
    ]);
    const c = new TestClient(ws, 'beta');
    clients.push(c);
    await c.untilCount('session.created', 1);
    expect((c.frames[0].session as Record<string, unknown>).modalities).toBeDefined();
  });

  it.each(['ga', 'beta'] as const)('VAD timestamps on generated audio (%s)', async (dialect) => {
    const c = await open({}, dialect);
    const turn = {
      type: 'server_vad',
      threshold: 0.5,
      prefix_padding_ms: 300,
      silence_duration_ms: 500,
      create_response: false,
    };
    c.send(
      dialect === 'ga'
        ? {
            type: 'session.update',
            session: {
              type: 'realtime',
              audio: { input: { turn_detection: turn, transcription: { model: 'whisper-1' } } },
            },
          }
        : {
            type: 'session.update',
            session: { turn_detection: turn, input_audio_transcription: { model: 'whisper-1' } },
          },
    );
    await c.untilCount('session.updated', 1);
    speakOnce(c);
    await c.untilCount('conversation.item.input_audio_transcription.completed', 1);
    expect(c.frames.find((f) => f.type === 'input_audio_buffer.speech_started')).toMatchObject({
      audio_start_ms: 200,
    });
    expect(c.frames.find((f) => f.type === 'input_audio_buffer.speech_stopped')).toMatchObject({
      audio_end_ms: 2000,
    });
    expect(c.count('input_audio_buffer.committed')).toBe(1);
    expect(c.count('response.created')).toBe(0);
    expect(c.decodeErrors).toEqual([]);
  });

  it('a transcription session transcribes VAD turns and never answers them', async () => {
    const c = await open();
    c.send({
      type: 'session.update',
      session: {
        type: 'transcription',
        audio: {
          input: {
            transcription: { model: 'gpt-live-transcribe', languages: ['en'], keywords: ['Rx'] },
            noise_reduction: null,
            turn_detection: { type: 'server_vad' },
          },
        },
      },
    });
    await c.untilCount('session.updated', 1);
    expect(c.frames.find((f) => f.type === 'session.updated')).toMatchObject({
      session: {
        type: 'transcription',
        object: 'realtime.transcription_session',
        audio: {
          input: { transcription: { languages: ['en'], keywords: ['Rx'] }, noise_reduction: null },
        },
      },
    });
    speakOnce(c);
    await c.untilCount('conversation.item.input_audio_transcription.completed', 1);
    expect(c.count('input_audio_buffer.committed')).toBe(1);
    expect(c.count('response.created')).toBe(0);
    expect(c.decodeErrors).toEqual([]);
  });

  it('manual commit, item placement at root, retrieve and delete', async () => {
    const c = await open();
    c.send({
      type: 'session.update',
      session: { type: 'realtime', audio: { input: { turn_detection: null } } },
    });
    await c.untilCount('session.updated', 1);
    c.send({ type: 'input_audio_buffer.append', audio: toneAndSilence([200]).toString('base64') });
    c.send({ type: 'input_audio_buffer.commit' });
    await c.untilCount('input_audio_buffer.committed', 1);
    c.send({
      type: 'conversation.item.create',
      previous_item_id: 'root',
      item: {
        id: 'item_first',
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'hi' }],
      },
    });
    await c.untilCount('conversation.item.done', 2);
    expect(
      c.frames.filter((f) => f.type === 'conversation.item.added')[1].previous_item_id,
    ).toBeNull();
    c.send({ type: 'conversation.item.retrieve', item_id: 'item_first' });
    c.send({ type: 'conversation.item.delete', item_id: 'item_first' });
    await c.untilCount('conversation.item.deleted', 1);
    expect(c.count('conversation.item.retrieved')).toBe(1);
    c.send({ type: 'input_audio_buffer.clear' });
    await c.untilCount('input_audio_buffer.cleared', 1);
    expect(c.decodeErrors).toEqual([]);
  });

  it('text-only responses, function call round trip and truncation past the end', async () => {
    const c = await open();
    c.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        tools: [
          {
            type: 'function',
            name: 'get_weather',
            parameters: {
              type: 'object',
              properties: { location: { type: 'string' } },
              required: ['location'],
            },
          },
        ],
      },
    });
    c.send({
      type: 'conversation.item.create',
      item: {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'Weather in Paris?' }],
      },
    });
    c.send({ type: 'response.create' });
    await c.untilCount('response.done', 1);
    const call = c.frames.find((f) => f.type === 'response.function_call_arguments.done')!;
    expect(call).toMatchObject({ name: 'get_weather', arguments: '{"location":"Paris"}' });
    c.send({
      type: 'conversation.item.create',
      item: { type: 'function_call_output', call_id: call.call_id, output: '{"temp":18}' },
    });
    c.send({ type: 'response.create' });
    await c.untilCount('response.done', 2);
    const transcript = c.frames.find(
      (f) => f.type === 'response.output_audio_transcript.done',
    )!.transcript;
    expect(transcript).toContain('18');
    const item = c.frames.filter((f) => f.type === 'response.output_item.done')[1].item as {
      id: string;
    };
    c.send({
      type: 'conversation.item.truncate',
      event_id: 't1',
      item_id: item.id,
      content_index: 0,
      audio_end_ms: 999999,
    });
    await c.untilCount('error', 1);
    expect(String(errorOf(c)[0].message)).toMatch(
      /^Audio content of \d+ms is already shorter than 999999ms$/,
    );
    c.send({
      type: 'conversation.item.truncate',
      item_id: item.id,
      content_index: 0,
      audio_end_ms: 100,
    });
    await c.untilCount('conversation.item.truncated', 1);
    c.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Thanks!' }] },
    });
    c.send({ type: 'response.create', response: { output_modalities: ['text'] } });
    await c.untilCount('response.done', 3);
    expect(c.count('response.output_text.done')).toBe(1);
    expect(c.decodeErrors).toEqual([]);
  });

  it('a scripted preamble is spoken in its own item before the function call', async () => {
    const c = await open({
      script: () => ({
        text: 'Let me check.',
        functionCall: { name: 'get_weather', arguments: { location: 'Paris' } },
      }),
    });
    c.send({ type: 'conversation.item.create', item: userText('Weather in Paris?') });
    c.send({ type: 'response.create' });
    await c.untilCount('response.done', 1);
    const items = c.frames
      .filter((f) => f.type === 'response.output_item.done')
      .map((f) => f as { output_index: number; item: { type: string; status: string } });
    expect(items.map((f) => [f.output_index, f.item.type, f.item.status])).toEqual([
      [0, 'message', 'completed'],
      [1, 'function_call', 'completed'],
    ]);
    const types = c.types();
    // The message is finished before the call item opens.
    expect(types.indexOf('response.output_audio_transcript.done')).toBeLessThan(
      types.lastIndexOf('response.output_item.added'),
    );
    expect(c.frames.find((f) => f.type === 'response.output_audio_transcript.done')).toMatchObject({
      output_index: 0,
      transcript: 'Let me check.',
    });
    expect(c.frames.find((f) => f.type === 'response.function_call_arguments.done')).toMatchObject({
      output_index: 1,
      arguments: '{"location":"Paris"}',
    });
    const done = c.frames.find((f) => f.type === 'response.done')!.response as {
      output: unknown[];
      usage: { output_token_details: { audio_tokens: number } };
    };
    expect(done.output).toHaveLength(2);
    expect(done.usage.output_token_details.audio_tokens).toBeGreaterThan(0);
    expect(c.decodeErrors).toEqual([]);
  });

  it('faults: close after N events with a code', async () => {
    const c = await open({ faults: { closeAfterEvents: { count: 2, code: 4001 } } });
    c.send({ type: 'session.update', session: { type: 'realtime' } });
    await c.until(() => c.closeCode !== undefined);
    expect(c.closeCode).toBe(4001);
    expect(c.frames).toHaveLength(2);
  });

  it('faults: close mid-response, malformed frame, delayed frames, session expiry', async () => {
    const mid = await open({ faults: { closeMidResponse: { afterDeltas: 2, code: 1011 } } });
    mid.send({ type: 'response.create' });
    await mid.until(() => mid.closeCode !== undefined);
    expect(mid.closeCode).toBe(1011);
    expect(mid.count('response.done')).toBe(0);
    await sim!.close();

    const bad = await open({ faults: { malformedFrameAfterEvents: 1, delayFramesMs: 5 } });
    await bad.until((f) => f.some((x) => x.type === '<malformed>'));
    expect(bad.types().slice(0, 2)).toEqual(['session.created', '<malformed>']);
    await sim!.close();

    const expiring = await open({ sessionExpiresAfterMs: 50 });
    await expiring.until(() => expiring.closeCode !== undefined);
    expect(errorOf(expiring)[0].code).toBe('session_expired');
  });
});
