/**
 * The load server of `bench/load`, run in its own process: a lean Realtime server speaking the
 * GA events a voice session receives, at real-time pace. Per session, once the client has sent
 * its first event: one 20 ms `response.output_audio.delta` every 20 ms and a transcript delta
 * every 100 ms, in responses of 5 s (created, item, part ... done) one after another. Every
 * frame carries its send time in `event_id` (`ev_<epoch ms>`), so the client measures delivery
 * lag on the same clock. Client frames are read only far enough to answer `session.update`.
 * Prints `{"port":N}` on stdout once listening.
 */
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket } from 'ws';

const TICK_MS = 20;
const TICKS_PER_RESPONSE = 250; // 5 s
const AUDIO = Buffer.from(
  Int16Array.from({ length: 480 }, (_, i) => Math.round(8000 * Math.sin(i / 4))).buffer,
).toString('base64'); // 20 ms of 24 kHz pcm16

const now = (): string => (performance.timeOrigin + performance.now()).toFixed(3);

interface Stream {
  readonly ws: WebSocket;
  readonly id: number;
  tick: number;
  responses: number;
}

const session = (type: string, id: number): string =>
  JSON.stringify({
    type,
    event_id: `ev_${now()}`,
    session: {
      type: 'realtime',
      object: 'realtime.session',
      id: `sess_load${id}`,
      model: 'gpt-realtime',
      output_modalities: ['audio'],
      instructions: '',
      tools: [],
      tool_choice: 'auto',
      max_output_tokens: 'inf',
      audio: {
        input: { format: { type: 'audio/pcm', rate: 24000 }, turn_detection: null },
        output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin', speed: 1 },
      },
    },
  });

function responseFrames(s: Stream): { start: string[]; end: string[]; ids: string } {
  const r = `resp_load${s.id}_${s.responses}`;
  const item = `item_load${s.id}_${s.responses}`;
  const ev = (o: object) => JSON.stringify({ event_id: `ev_${now()}`, ...o });
  const message = (status: string, transcript: string) => ({
    id: item,
    object: 'realtime.item',
    type: 'message',
    status,
    role: 'assistant',
    content: status === 'completed' ? [{ type: 'output_audio', transcript }] : [],
  });
  const transcript = 'word '.repeat(TICKS_PER_RESPONSE / 5);
  const response = (status: string, output: object[]) => ({
    object: 'realtime.response',
    id: r,
    status,
    status_details: null,
    output,
    conversation_id: `conv_load${s.id}`,
    output_modalities: ['audio'],
    max_output_tokens: 'inf',
    audio: { output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin' } },
    usage: null,
    metadata: null,
  });
  const at = { response_id: r, item_id: item, output_index: 0, content_index: 0 };
  return {
    ids: `"response_id":"${r}","item_id":"${item}","output_index":0,"content_index":0`,
    start: [
      ev({ type: 'response.created', response: response('in_progress', []) }),
      ev({
        type: 'response.output_item.added',
        response_id: r,
        output_index: 0,
        item: message('in_progress', ''),
      }),
      ev({
        type: 'conversation.item.added',
        previous_item_id: null,
        item: message('in_progress', ''),
      }),
      ev({ type: 'response.content_part.added', ...at, part: { type: 'audio', transcript: '' } }),
    ],
    end: [
      ev({ type: 'response.output_audio.done', ...at }),
      ev({ type: 'response.output_audio_transcript.done', ...at, transcript }),
      ev({ type: 'response.content_part.done', ...at, part: { type: 'audio', transcript } }),
      ev({
        type: 'response.output_item.done',
        response_id: r,
        output_index: 0,
        item: message('completed', transcript),
      }),
      ev({
        type: 'conversation.item.done',
        previous_item_id: null,
        item: message('completed', transcript),
      }),
      ev({
        type: 'response.done',
        response: response('completed', [message('completed', transcript)]),
      }),
    ],
  };
}

const streams = new Set<Stream>();
const ids = new Map<Stream, string>();
let nextId = 0;

function step(s: Stream): void {
  if (s.tick % TICKS_PER_RESPONSE === 0) {
    const frames = responseFrames(s);
    ids.set(s, frames.ids);
    frames.start.forEach((f) => s.ws.send(f));
  }
  const at = ids.get(s)!;
  s.ws.send(
    `{"type":"response.output_audio.delta","event_id":"ev_${now()}",${at},"delta":"${AUDIO}"}`,
  );
  if (s.tick % 5 === 0)
    s.ws.send(
      `{"type":"response.output_audio_transcript.delta","event_id":"ev_${now()}",${at},"delta":"word "}`,
    );
  s.tick += 1;
  if (s.tick % TICKS_PER_RESPONSE === 0) {
    responseFrames(s).end.forEach((f) => s.ws.send(f));
    s.responses += 1;
  }
}

// One clock for all sessions, corrected for drift, as a real server's audio pacing would be.
// Sessions are spread over four phases 5 ms apart, so their frames do not all leave at once.
const PHASES = 4;
const origin = performance.now();
let slots = 0;
function loop(): void {
  const phase = slots % PHASES;
  for (const s of streams) if (s.id % PHASES === phase) step(s);
  slots += 1;
  setTimeout(loop, Math.max(0, origin + (slots * TICK_MS) / PHASES - performance.now()));
}

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('connection', (ws) => {
  const id = (nextId += 1);
  const s: Stream = { ws, id, tick: 0, responses: 0 };
  ws.send(session('session.created', id));
  let streaming = false;
  ws.on('message', (data: Buffer) => {
    if (data.length < 20_000 && data.includes('"session.update"'))
      ws.send(session('session.updated', id));
    if (!streaming) {
      streaming = true;
      streams.add(s);
    }
  });
  ws.on('close', () => {
    streams.delete(s);
    ids.delete(s);
  });
});
wss.on('listening', () => {
  const address = wss.address();
  if (address !== null && typeof address === 'object')
    console.log(JSON.stringify({ port: address.port }));
  loop();
});
