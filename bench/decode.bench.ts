/**
 * bench/decode: throughput of `decodeServerFrame` against plain `JSON.parse` of the same
 * frames, measured in the same run, alternating, so machine noise hits both alike.
 * Target: decode >= 0.95 x JSON.parse. The figure is the median of the per-round ratios, so a
 * burst of load from elsewhere that hits one side of a round does not move it. Also measured: decoding with an `onNotice` listener, as
 * the socket does (it collects notices about values newer than the catalogue).
 */
import { decodeServerFrame } from '../src/protocol/index.js';

const base64Audio = Buffer.alloc(4608, 7).toString('base64'); // 6144 base64 chars, ~96 ms pcm16
const ids = {
  event_id: 'event_CEeG38oBmBIjBfVK61sjt',
  response_id: 'resp_CEeC4NPZEtsTA7NtLjjId',
  item_id: 'item_CEeCZcOebt8GMQ8sLyzKP',
  output_index: 0,
  content_index: 0,
};
const words =
  'It is eighteen degrees and lightly raining in Paris right now, take an umbrella. '.split(' ');

function responseDone(items: number): object {
  const output = Array.from({ length: items }, (_, i) => ({
    id: `item_${i}`,
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_audio', transcript: words.join(' ').repeat(4) }],
  }));
  return {
    type: 'response.done',
    event_id: ids.event_id,
    response: {
      object: 'realtime.response',
      id: ids.response_id,
      status: 'completed',
      status_details: null,
      output,
      conversation_id: 'conv_CEeA2wIocdBrV9HqCSoK9',
      output_modalities: ['audio'],
      max_output_tokens: 'inf',
      audio: { output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin' } },
      usage: {
        total_tokens: 1520,
        input_tokens: 1200,
        output_tokens: 320,
        input_token_details: {
          text_tokens: 1000,
          audio_tokens: 200,
          image_tokens: 0,
          cached_tokens: 0,
          cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 },
        },
        output_token_details: { text_tokens: 60, audio_tokens: 260 },
      },
      metadata: null,
    },
  };
}

/** 1000 frames: 900 audio deltas, 80 text/transcript deltas, 20 item/part/response events. */
function mix(): string[] {
  const frames: object[] = [];
  for (let i = 0; i < 1000; i++) {
    const slot = i % 50;
    if (slot < 45) frames.push({ type: 'response.output_audio.delta', ...ids, delta: base64Audio });
    else if (slot < 47)
      frames.push({
        type: 'response.output_audio_transcript.delta',
        ...ids,
        delta: `${words[i % words.length]} `,
      });
    else if (slot === 47)
      frames.push({ type: 'response.output_text.delta', ...ids, delta: 'Hello ' });
    else if (slot === 48) {
      frames.push(
        i % 100 === 48
          ? {
              type: 'response.output_item.done',
              event_id: ids.event_id,
              response_id: ids.response_id,
              output_index: 0,
              item: {
                id: ids.item_id,
                type: 'message',
                status: 'completed',
                role: 'assistant',
                content: [{ type: 'output_audio', transcript: words.join(' ') }],
              },
            }
          : {
              type: 'response.content_part.done',
              ...ids,
              part: { type: 'audio', transcript: words.join(' ') },
            },
      );
    } else
      frames.push(
        i % 100 === 49
          ? responseDone(4)
          : {
              type: 'conversation.item.added',
              event_id: ids.event_id,
              previous_item_id: null,
              item: {
                id: ids.item_id,
                type: 'message',
                status: 'in_progress',
                role: 'assistant',
                content: [],
              },
            },
      );
  }
  return frames.map((f) => JSON.stringify(f));
}

const frames = mix();
let sink = 0;

function timeParse(): number {
  const start = process.hrtime.bigint();
  for (const f of frames) sink += (JSON.parse(f) as { type: string }).type.length;
  return Number(process.hrtime.bigint() - start);
}

const listening = { onNotice: () => undefined };

function timeDecode(options?: typeof listening): number {
  const start = process.hrtime.bigint();
  for (const f of frames) {
    const r = decodeServerFrame(f, options);
    if (r._tag === 'Left') throw r.left;
    sink += r.right.type.length;
  }
  return Number(process.hrtime.bigint() - start);
}

for (let i = 0; i < 30; i++) {
  timeParse();
  timeDecode();
  timeDecode(listening);
}
const rounds = 60;
let parseNs = 0;
let decodeNs = 0;
let listeningNs = 0;
const decodeRatios: number[] = [];
const listeningRatios: number[] = [];
for (let i = 0; i < rounds; i++) {
  let parse: number;
  let decode: number;
  let listen: number;
  if (i % 2 === 0) {
    parse = timeParse();
    decode = timeDecode();
    listen = timeDecode(listening);
  } else {
    listen = timeDecode(listening);
    decode = timeDecode();
    parse = timeParse();
  }
  parseNs += parse;
  decodeNs += decode;
  listeningNs += listen;
  decodeRatios.push(parse / decode);
  listeningRatios.push(parse / listen);
}
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const total = frames.length * rounds;
const parseFps = total / (parseNs / 1e9);
const decodeFps = total / (decodeNs / 1e9);
const listeningFps = total / (listeningNs / 1e9);
const bytes = frames.reduce((n, f) => n + f.length, 0) / frames.length;
console.log(
  `frames: ${frames.length} per round x ${rounds} rounds, mean frame ${Math.round(bytes)} chars (90% audio deltas)`,
);
console.log(`JSON.parse          ${Math.round(parseFps).toLocaleString('en')} frames/s`);
console.log(`decodeServerFrame   ${Math.round(decodeFps).toLocaleString('en')} frames/s`);
console.log(`  with onNotice     ${Math.round(listeningFps).toLocaleString('en')} frames/s`);
console.log(
  `ratio decode/parse  ${median(decodeRatios).toFixed(3)} x   (median of ${rounds} rounds; target >= 0.95)${sink < 0 ? '' : ''}`,
);
console.log(`ratio with onNotice ${median(listeningRatios).toFixed(3)} x`);
