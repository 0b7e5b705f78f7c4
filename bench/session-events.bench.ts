/**
 * bench/session-events: what a session costs per server event, without sockets, as a multiple
 * of `JSON.parse` of the same frames measured in the same run (the work every client does).
 * The events are a voice response as the service streams it: 250 audio deltas of 20 ms and a
 * transcript delta every 100 ms between the response's start and end events. Configurations,
 * measured in alternating rounds (median of the rounds):
 * - `session`: `createRealtimeSession` alone (handshake, sequencing, interruption, tools...);
 * - `responses$`: the app also takes `responses$`, audio kept in the snapshots;
 * - `responseStreams`: `retainAudio: false`, `responses$` for the text, the audio played from
 *   `responseStreams()`.
 */
import { Observable, Subject } from 'rxjs';
import { responseStreams } from '../src/operators/index.js';
import { decodeServerFrame, type ClientEvent, type ServerEvent } from '../src/protocol/index.js';
import {
  createRealtimeSession,
  type RealtimeSession,
  type RealtimeSessionOptions,
} from '../src/session/index.js';

const AUDIO = Buffer.alloc(960, 3).toString('base64'); // 20 ms of 24 kHz pcm16
const at = { response_id: 'r', item_id: 'i', output_index: 0, content_index: 0 };
const message = (status: string) => ({
  id: 'i',
  object: 'realtime.item',
  type: 'message',
  status,
  role: 'assistant',
  content: [],
});
const response = (status: string) => ({
  object: 'realtime.response',
  id: 'r',
  status,
  status_details: null,
  output: [],
  usage: null,
  metadata: null,
});
const session = { type: 'realtime', id: 's', object: 'realtime.session' };

function frames(): string[] {
  const out: object[] = [
    { type: 'response.created', response: response('in_progress') },
    {
      type: 'response.output_item.added',
      response_id: 'r',
      output_index: 0,
      item: message('in_progress'),
    },
    { type: 'conversation.item.added', previous_item_id: null, item: message('in_progress') },
    { type: 'response.content_part.added', ...at, part: { type: 'audio', transcript: '' } },
  ];
  for (let i = 0; i < 250; i++) {
    out.push({ type: 'response.output_audio.delta', ...at, delta: AUDIO });
    if (i % 5 === 0)
      out.push({ type: 'response.output_audio_transcript.delta', ...at, delta: 'w ' });
  }
  out.push(
    { type: 'response.output_audio.done', ...at },
    { type: 'response.content_part.done', ...at, part: { type: 'audio', transcript: 'w' } },
    {
      type: 'response.output_item.done',
      response_id: 'r',
      output_index: 0,
      item: message('completed'),
    },
    { type: 'response.done', response: response('completed') },
  );
  return out.map((e, i) => JSON.stringify({ event_id: `event_${i}`, ...e }));
}

const decode = (text: string): ServerEvent => {
  const r = decodeServerFrame(text);
  if (r._tag === 'Left') throw r.left;
  return r.right;
};

/** A session on a socket fed by hand, ready; the app's subscriptions made by `app`. */
function setUp(
  options: RealtimeSessionOptions,
  app: (socket: Observable<ServerEvent>, s: RealtimeSession) => void,
): (event: ServerEvent) => void {
  const server = new Subject<ServerEvent>();
  const socket = Object.assign(new Observable<ServerEvent>((s) => server.subscribe(s)), {
    next: (_event: ClientEvent) => undefined,
  });
  app(socket, createRealtimeSession(socket, options));
  server.next(decode(JSON.stringify({ type: 'session.created', event_id: 'e0', session })));
  server.next(decode(JSON.stringify({ type: 'session.updated', event_id: 'e1', session })));
  return (event) => server.next(event);
}

const texts = frames();
const events = texts.map(decode);
const configurations: [string, (event: ServerEvent) => void][] = [
  ['session', setUp({}, () => undefined)],
  ['responses$', setUp({}, (_socket, s) => s.responses$.subscribe())],
  [
    'responseStreams',
    setUp({ retainAudio: false }, (socket, s) => {
      s.responses$.subscribe();
      socket
        .pipe(responseStreams())
        .subscribe((r) =>
          r.parts$.subscribe((p) => (p.kind === 'audio' ? p.audio$.subscribe() : undefined)),
        );
    }),
  ],
];

let sink = 0;
const timeParse = (): number => {
  const start = process.hrtime.bigint();
  for (const t of texts) sink += (JSON.parse(t) as { type: string }).type.length;
  return Number(process.hrtime.bigint() - start);
};
const timeFeed = (feed: (event: ServerEvent) => void): number => {
  const start = process.hrtime.bigint();
  for (const e of events) feed(e);
  return Number(process.hrtime.bigint() - start);
};

for (let i = 0; i < 100; i++) {
  timeParse();
  for (const [, feed] of configurations) timeFeed(feed);
}
const ROUNDS = 200;
const ratios = configurations.map((): number[] => []);
const nanos = configurations.map((): number[] => []);
for (let round = 0; round < ROUNDS; round++) {
  const parse = timeParse();
  configurations.forEach(([, feed], i) => {
    const ns = timeFeed(feed);
    ratios[i]!.push(ns / parse);
    nanos[i]!.push(ns / events.length);
  });
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;
console.log(`${events.length} events per round x ${ROUNDS} rounds (median of the rounds)`);
configurations.forEach(([name], i) =>
  console.log(
    `${name.padEnd(16)} ${median(nanos[i]!).toFixed(0).padStart(6)} ns per event  ${median(ratios[i]!).toFixed(2)} x JSON.parse${sink < 0 ? '' : ''}`,
  ),
);
